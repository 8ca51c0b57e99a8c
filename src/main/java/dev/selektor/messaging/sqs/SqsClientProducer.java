package dev.selektor.messaging.sqs;

import dev.selektor.common.SelektorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one SQS client. Long polls wait up to 10 s, so the socket timeout leaves room for them; any other call fails
 * within seconds when the queue service is away, and the consumers back off.
 */
@ApplicationScoped
public class SqsClientProducer {

    @Produces
    @ApplicationScoped
    SqsClient sqsClient(SelektorConfig config) {
        SelektorConfig.Sqs sqs = config.sqs();
        var builder = SqsClient.builder()
                .region(Region.of(sqs.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(32)
                        .connectionTimeout(Duration.ofMillis(1000))
                        .socketTimeout(Duration.ofSeconds(25)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(30))
                        .build());
        sqs.endpoint().ifPresent(builder::endpointOverride);
        if (sqs.accessKeyId().isPresent() && sqs.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    sqs.accessKeyId().get(), sqs.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    void close(@Disposes SqsClient client) {
        client.close();
    }
}
