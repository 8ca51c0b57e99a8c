package dev.selektor.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code ./mvnw package}: target/quarkus-app/quarkus-run.jar) as a process of its own on a free
 * port, for tests that compare it with something else or run several instances. Settings are passed as system
 * properties, e.g. a stand-in's {@code clientSettings()}.
 */
public final class PackagedService implements AutoCloseable {
    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final URI base;
    private final Process process;
    private final Path log;

    private PackagedService(String name, URI base, Process process, Path log) {
        this.name = name;
        this.base = base;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts it and waits until it is ready.
     *
     * @param log where its output goes
     * @param jvmOptions options before the settings, e.g. {@code -Xmx512m}
     */
    public static PackagedService start(String name, Map<String, String> settings, Path log, String... jvmOptions)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: package the service first (./mvnw package)");
        }
        int port = FreePorts.one();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(jvmOptions));
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PackagedService service = new PackagedService(name, URI.create("http://127.0.0.1:" + port), process, log);
        try {
            Await.until(
                    name + " to become ready",
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(name + " stopped during start-up: " + service.logText());
                        }
                        return service.ready();
                    },
                    Duration.ofMinutes(3),
                    service::logText);
        } catch (AssertionError | InterruptedException e) {
            service.kill();
            throw e;
        }
        return service;
    }

    private boolean ready() {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    public URI base() {
        return base;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /**
     * One request to it, as {@code authorization} (a Basic header, see {@link TestUsers#basic}).
     *
     * @param contentType the body's type; null without a body
     */
    public HttpResponse<String> send(
            String method, String path, String authorization, String contentType, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends it as a crash would (SIGKILL). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Ends it in order (SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
