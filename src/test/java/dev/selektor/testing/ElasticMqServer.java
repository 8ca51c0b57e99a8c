package dev.selektor.testing;

import java.net.URI;
import java.util.Map;

/** A real SQS-compatible server (ElasticMQ, in memory) for tests, run by {@code bin/elasticmq} from its Maven jars. */
public final class ElasticMqServer {
    private int port;
    private boolean startedOnce;

    public ElasticMqServer() {
        this.port = FreePorts.one();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "elasticmq-stop"));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The application's settings for this queue server, for a Quarkus test or a packaged service; read them after {@link #start}. */
    public Map<String, String> clientSettings() {
        return Map.of(
                "selektor.sqs.endpoint", endpoint().toString(),
                "selektor.sqs.region", "us-east-1",
                "selektor.sqs.access-key-id", "test",
                "selektor.sqs.secret-access-key", "test");
    }

    public synchronized void start() {
        if (startedOnce) {
            script("start");
        } else {
            FirstStart.onAFreePort(() -> script("start"), e -> true, () -> port = FreePorts.one());
            startedOnce = true;
        }
    }

    public synchronized void stop() {
        script("stop");
    }

    private void script(String command) {
        StandInScript.run("bin/elasticmq", command, Map.of("ELASTICMQ_PORT", Integer.toString(port)));
    }
}
