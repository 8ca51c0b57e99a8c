package dev.selektor.storage.dynamo;

import dev.selektor.common.DynamodbSettings;
import dev.selektor.common.SelektorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The one DynamoDB client of the application. Timeouts are short on purpose: when the store is down a request
 * should fail with 503 within a few seconds rather than hold a thread for the SDK's default minutes.
 */
@ApplicationScoped
public class DynamoDbClientProducer {

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDbClient(SelektorConfig config) {
        DynamodbSettings db = config.dynamodb();
        var builder = DynamoDbClient.builder()
                .region(Region.of(db.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofMillis(1000))
                        .socketTimeout(db.apiCallAttemptTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(db.apiCallTimeout())
                        .apiCallAttemptTimeout(db.apiCallAttemptTimeout())
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(db.maxRetries() + 1))
                        .build());
        db.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials(db));
        return builder.build();
    }

    /** The customers table's stream, on the same endpoint and with the same credentials and timeouts. */
    @Produces
    @ApplicationScoped
    DynamoDbStreamsClient dynamoDbStreamsClient(SelektorConfig config) {
        DynamodbSettings db = config.dynamodb();
        var builder = DynamoDbStreamsClient.builder()
                .region(Region.of(db.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(4)
                        .connectionTimeout(Duration.ofMillis(1000))
                        .socketTimeout(db.apiCallAttemptTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(db.apiCallTimeout())
                        .apiCallAttemptTimeout(db.apiCallAttemptTimeout())
                        .build());
        db.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials(db));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(DynamodbSettings db) {
        if (db.accessKeyId().isPresent() && db.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    db.accessKeyId().get(), db.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    void closeStreams(@Disposes DynamoDbStreamsClient client) {
        client.close();
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }
}
