package dev.selektor.audience.opensearch;

import dev.selektor.common.OpensearchSettings;
import java.net.URI;
import java.time.Duration;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/** The transport to Amazon OpenSearch Service: the AWS SDK's HTTP client, every request signed with SigV4. */
final class SignedTransport {
    private SignedTransport() {}

    static OpenSearchTransport of(URI endpoint, OpensearchSettings settings, Duration timeout) {
        var http = ApacheHttpClient.builder()
                .connectionTimeout(settings.timeout())
                .socketTimeout(timeout)
                .build();
        return new AwsSdk2Transport(
                http,
                endpoint.getHost(),
                settings.awsService(),
                Region.of(settings.awsRegion().orElseThrow()),
                AwsSdk2TransportOptions.builder()
                        .setCredentials(DefaultCredentialsProvider.builder().build())
                        .build());
    }
}
