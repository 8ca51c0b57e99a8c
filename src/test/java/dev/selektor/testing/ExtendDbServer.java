package dev.selektor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real ExtendDB process (the pinned npm package) on 127.0.0.1 for tests. Its data lives in a file, so a test
 * can stop and restart it and find everything again. The file lies in memory (/dev/shm) where the machine has
 * that: on a slow disk the store's writes can stall for seconds, longer than the application waits for a call, and
 * a test's data need not outlive the test run. The folder goes when the JVM ends.
 */
public final class ExtendDbServer {
    public static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Path BINARY = Path.of("node_modules/@extenddb/linux-x64/extenddb");

    private int port;
    private final Path workDir;
    private Process process;
    private boolean startedOnce;

    public ExtendDbServer() {
        this.port = FreePorts.one();
        try {
            Path memory = Path.of("/dev/shm");
            this.workDir = Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "selektor-extenddb-")
                    : Files.createTempDirectory("selektor-extenddb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop();
                            deleteWorkDir();
                        },
                        "extenddb-stop"));
    }

    private void deleteWorkDir() {
        try (var files = Files.walk(workDir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary folder is no failure of a test
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The application's settings for this store, for a Quarkus test or a packaged service; read them after {@link #start}. */
    public Map<String, String> clientSettings() {
        return Map.of(
                "selektor.dynamodb.endpoint",
                endpoint().toString(),
                "selektor.dynamodb.region",
                "us-east-1",
                "selektor.dynamodb.access-key-id",
                ACCESS_KEY,
                "selektor.dynamodb.secret-access-key",
                SECRET_KEY);
    }

    /** A client of its own, for a test that reads the tables directly. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (startedOnce) {
            startOnPort();
        } else {
            FirstStart.onAFreePort(
                    this::startOnPort, e -> log().contains("Address in use"), () -> port = FreePorts.one());
            startedOnce = true;
        }
    }

    private void startOnPort() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("ExtendDB is not installed at " + BINARY.toAbsolutePath()
                    + ": run 'npm ci' in the project folder (./mvnw does it when node_modules is missing)");
        }
        ProcessBuilder builder = new ProcessBuilder(
                        BINARY.toAbsolutePath().toString(), "serve", "--foreground", "-p", Integer.toString(port))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("extenddb.log").toFile());
        builder.environment()
                .put(
                        "EXTENDDB__STORAGE__SQLITE__PATH",
                        workDir.resolve("data.sqlite").toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ExtendDB", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("ExtendDB did not start on port " + port + "; log: " + log());
            }
            sleep(50);
        }
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Ends it as a crash would (SIGKILL); {@link #start} brings it back on the same port with its data file. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean answers() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint().toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(500);
            return connection.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("extenddb.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
