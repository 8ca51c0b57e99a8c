package dev.selektor.testing;

import dev.selektor.storage.FirstStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft) for tests, run by {@code bin/kafka} from the Kafka jars on Maven Central.
 * Its data lives in a temporary folder that outlives a stop, so a test can restart the broker and keep the topic.
 */
public final class KafkaBroker {
    private int port;
    private boolean startedOnce;
    private Path data;

    public KafkaBroker() {
        this.port = freePortPair();
        this.data = newDataDir();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "kafka-broker-stop"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (startedOnce) {
            script("start");
        } else {
            // The storage is formatted for the controller's address: a new pair needs new storage.
            FirstStart.onAFreePort(() -> script("start"), e -> true, () -> {
                port = freePortPair();
                data = newDataDir();
            });
            startedOnce = true;
        }
    }

    public synchronized void stop() {
        script("stop");
    }

    private void script(String command) {
        ProcessBuilder builder = new ProcessBuilder("bin/kafka", command).redirectErrorStream(true);
        builder.environment().put("KAFKA_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_DATA", data.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/kafka " + command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/kafka " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: bin/kafka " + command, e);
        }
    }

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory("selektor-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor (the controller's) is free too. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                try (ServerSocket second = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no two neighbouring free ports found");
    }
}
