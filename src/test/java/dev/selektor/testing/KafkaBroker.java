package dev.selektor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real single-node Kafka broker (KRaft) for tests, run by {@code bin/kafka} from the Kafka jars on Maven Central.
 * Its data lives in a temporary folder that outlives a stop, so a test can restart the broker and keep the topic.
 */
public final class KafkaBroker {
    private int port;
    private boolean startedOnce;
    private Path data;

    public KafkaBroker() {
        this.port = FreePorts.withFreeSuccessor();
        this.data = newDataDir();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "kafka-broker-stop"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The application's settings for this broker; read them after {@link #start}. */
    public Map<String, String> clientSettings() {
        return Map.of("selektor.kafka.bootstrap-servers", bootstrapServers());
    }

    public synchronized void start() {
        if (startedOnce) {
            script("start");
        } else {
            // The storage is formatted for the controller's address: a new pair needs new storage.
            FirstStart.onAFreePort(() -> script("start"), e -> true, () -> {
                port = FreePorts.withFreeSuccessor();
                data = newDataDir();
            });
            startedOnce = true;
        }
    }

    public synchronized void stop() {
        script("stop");
    }

    private void script(String command) {
        StandInScript.run(
                "bin/kafka", command, Map.of("KAFKA_PORT", Integer.toString(port), "KAFKA_DATA", data.toString()));
    }

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory("selektor-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
