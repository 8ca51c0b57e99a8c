package dev.selektor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real OpenSearch node for tests, run by {@code bin/opensearch} from the OpenSearch jars on Maven Central, on a
 * free port with its data in a temporary folder; it stops by itself should the test JVM die.
 */
public final class OpenSearchNode {
    private final int port = FreePorts.one();
    private final Path data;

    public OpenSearchNode() {
        try {
            data = Files.createTempDirectory("selektor-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "opensearch-stop"));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The application's settings for this node; each test JVM gets its own index names. */
    public Map<String, String> clientSettings() {
        return Map.of("selektor.opensearch.url", url(), "selektor.opensearch.index-prefix", "test-" + port + "-");
    }

    public synchronized void start() {
        script("start");
    }

    public synchronized void stop() {
        script("stop");
    }

    private void script(String command) {
        StandInScript.run(
                "bin/opensearch",
                command,
                Map.of(
                        "OPENSEARCH_PORT", Integer.toString(port),
                        "OPENSEARCH_DATA", data.toString(),
                        "OPENSEARCH_HEAP", "384m",
                        "OPENSEARCH_PARENT",
                                Long.toString(ProcessHandle.current().pid())));
    }
}
