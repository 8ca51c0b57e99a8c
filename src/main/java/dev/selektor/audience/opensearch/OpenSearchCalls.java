package dev.selektor.audience.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.audience.AudienceIndex;
import dev.selektor.common.SelektorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Calls to the OpenSearch node with the OpenSearch Java client's generic API, JSON in and out; a node that does not
 * answer within the timeout, or answers 5xx, is {@link AudienceIndex.Unavailable}.
 */
@ApplicationScoped
public class OpenSearchCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SelektorConfig config;

    private volatile OpenSearchTransport transport;

    private OpenSearchGenericClient client() {
        URI url = config.opensearch()
                .url()
                .orElseThrow(() -> new AudienceIndex.Unavailable(
                        "No customer index is configured (selektor.opensearch.url)", null));
        if (transport == null) {
            synchronized (this) {
                if (transport == null) {
                    Timeout timeout = Timeout.of(config.opensearch().timeout());
                    transport = ApacheHttpClient5TransportBuilder.builder(
                                    new HttpHost(url.getScheme(), url.getHost(), url.getPort()))
                            .setRequestConfigCallback(c -> c.setConnectTimeout(timeout)
                                    .setResponseTimeout(timeout)
                                    .setConnectionRequestTimeout(timeout))
                            .build();
                }
            }
        }
        return new OpenSearchGenericClient(transport);
    }

    /** A JSON answer; 404 gives a missing node (null), other 4xx an IllegalStateException naming the call. */
    public JsonNode json(String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(method, path, bytes == null ? null : Body.from(bytes, "application/json"));
    }

    /** A bulk request: NDJSON lines. */
    public JsonNode bulk(String path, String ndjson) {
        return send("POST", path, Body.from(ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
    }

    private JsonNode send(String method, String path, Body body) {
        var request = Requests.builder().method(method).endpoint(path);
        if (body != null) {
            request.body(body);
        }
        try (Response response = client().execute(request.build())) {
            int status = response.getStatus();
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            if (status >= 500) {
                throw new AudienceIndex.Unavailable("The customer index answered " + status + ": " + text, null);
            }
            if (status == 404) {
                return null;
            }
            if (status >= 400) {
                throw new IllegalStateException(method + " " + path + " answered " + status + ": " + text);
            }
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new AudienceIndex.Unavailable("The customer index does not answer: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
    }
}
