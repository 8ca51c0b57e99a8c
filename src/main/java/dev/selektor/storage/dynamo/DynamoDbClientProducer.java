package dev.selektor.storage.dynamo;

import dev.selektor.common.DynamodbSettings;
import dev.selektor.common.SelektorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
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
        return configured(
                        DynamoDbClient.builder(),
                        db,
                        64,
                        o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(db.maxRetries() + 1)))
                .build();
    }

    /** The customers table's stream, on the same endpoint and with the same credentials and timeouts. */
    @Produces
    @ApplicationScoped
    DynamoDbStreamsClient dynamoDbStreamsClient(SelektorConfig config) {
        return configured(DynamoDbStreamsClient.builder(), config.dynamodb(), 4, o -> {})
                .build();
    }

    /** Region, endpoint, credentials and the short timeouts, for either client; {@code more} adds to the overrides. */
    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configured(
            B builder, DynamodbSettings db, int maxConnections, Consumer<ClientOverrideConfiguration.Builder> more) {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(db.apiCallTimeout())
                .apiCallAttemptTimeout(db.apiCallAttemptTimeout());
        more.accept(overrides);
        builder.region(Region.of(db.region()))
                .credentialsProvider(credentials(db))
                .overrideConfiguration(overrides.build());
        builder.httpClientBuilder(ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofMillis(1000))
                .socketTimeout(db.apiCallAttemptTimeout()));
        db.endpoint().ifPresent(builder::endpointOverride);
        return builder;
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
