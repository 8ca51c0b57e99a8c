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
import java.time.Duration;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Options;
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
    /** On AWS, upkeep (bulk writes, index creation) has a transport with the longer timeout of its own. */
    private volatile OpenSearchTransport upkeepTransport;

    private OpenSearchGenericClient client(boolean upkeep) {
        URI url = config.opensearch()
                .url()
                .orElseThrow(() -> new AudienceIndex.Unavailable(
                        "No customer index is configured (selektor.opensearch.url)", null));
        if (transport == null) {
            synchronized (this) {
                if (transport == null) {
                    if (config.opensearch().awsRegion().isPresent()) {
                        upkeepTransport = SignedTransport.of(url, config.opensearch(), UPKEEP_TIMEOUT);
                        transport = SignedTransport.of(
                                url, config.opensearch(), config.opensearch().timeout());
                    } else {
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
        }
        return new OpenSearchGenericClient(upkeep && upkeepTransport != null ? upkeepTransport : transport);
    }

    /**
     * Creating an index waits for its shard to start, which a busy machine stretches past a question's timeout:
     * the index's upkeep gets this much.
     */
    static final Duration UPKEEP_TIMEOUT = Duration.ofMinutes(2);

    /** A JSON answer; 404 gives a missing node (null), other 4xx an IllegalStateException naming the call. */
    public JsonNode json(String method, String path, Object body) {
        return json(method, path, body, config.opensearch().timeout());
    }

    /** As {@link #json(String, String, Object)}, with a time of its own for the answer. */
    public JsonNode json(String method, String path, Object body, Duration timeout) {
        byte[] bytes;
        try {
            bytes = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(method, path, bytes == null ? null : Body.from(bytes, "application/json"), timeout);
    }

    /** A bulk request: NDJSON lines. */
    public JsonNode bulk(String path, String ndjson) {
        return send(
                "POST",
                path,
                Body.from(ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson"),
                UPKEEP_TIMEOUT);
    }

    private JsonNode send(String method, String path, Body body, Duration timeout) {
        var request = Requests.builder().method(method).endpoint(path);
        if (body != null) {
            request.body(body);
        }
        boolean upkeep = timeout.compareTo(config.opensearch().timeout()) > 0;
        OpenSearchGenericClient client = client(upkeep);
        if (config.opensearch().awsRegion().isEmpty()) {
            client = client.withTransportOptions(ApacheHttpClient5Options.DEFAULT.toBuilder()
                    .setRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.of(timeout))
                            .setConnectionRequestTimeout(
                                    Timeout.of(config.opensearch().timeout()))
                            .build())
                    .build());
        }
        try (Response response = client.execute(request.build())) {
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
        if (upkeepTransport != null) {
            upkeepTransport.close();
        }
    }
}
