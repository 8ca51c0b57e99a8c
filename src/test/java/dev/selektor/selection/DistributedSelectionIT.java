package dev.selektor.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.testing.ElasticMqServer;
import dev.selektor.testing.ExtendDbServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Queue mode with real processes: three instances of the packaged application take the segments of one run from
 * a real SQS-compatible queue; one of them is killed (SIGKILL) in the middle of a segment. The run completes with
 * exactly the results a single-process run over the same customers gives, and one outbox event per selected
 * customer. Runs in {@code mvn verify}, after packaging.
 */
class DistributedSelectionIT {
    private static final int CUSTOMERS = 100_000;
    private static final String RUN_DATE = "2026-11-26";
    private static final String PREFIX = "selektor-it-";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path LOGS = Path.of("target/distributed-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String EDITOR =
            "Basic " + Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));

    private static ExtendDbServer store;
    private static ElasticMqServer queue;
    private static final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void startStandIns() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: this test runs in mvn verify, after packaging");
        Files.createDirectories(LOGS);
        store = new ExtendDbServer();
        store.start();
        queue = new ElasticMqServer();
        queue.start();
    }

    @AfterAll
    static void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        if (queue != null) {
            queue.stop();
        }
        if (store != null) {
            store.stop();
        }
    }

    /** One instance of the packaged application; queue mode with a short visibility so a dead worker's segment returns soon. */
    private static Instance start(String name, String mode) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dselektor.dynamodb.endpoint=" + store.endpoint(),
                "-Dselektor.dynamodb.region=us-east-1",
                "-Dselektor.dynamodb.access-key-id=" + ExtendDbServer.ACCESS_KEY,
                "-Dselektor.dynamodb.secret-access-key=" + ExtendDbServer.SECRET_KEY,
                "-Dselektor.dynamodb.table-prefix=" + PREFIX,
                "-Dselektor.sqs.endpoint=" + queue.endpoint(),
                "-Dselektor.sqs.region=us-east-1",
                "-Dselektor.sqs.access-key-id=it",
                "-Dselektor.sqs.secret-access-key=it",
                "-Dselektor.sqs.queue-prefix=" + PREFIX,
                "-Dselektor.selection.mode=" + mode,
                "-Dselektor.selection.workers=2",
                "-Dselektor.selection.segment-visibility=10s",
                // The events stay in the outbox, where the test counts them.
                "-Dselektor.outbox.relay-enabled=false",
                "-jar",
                JAR.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        Instance instance =
                new Instance(name, URI.create("http://127.0.0.1:" + port), process, LOGS.resolve(name + ".log"));
        await(
                name + " to become ready",
                () -> {
                    assertTrue(process.isAlive(), name + " stopped during start-up, see " + instance.log());
                    return instance.status("/q/health/ready") == 200;
                },
                Duration.ofMinutes(3));
        return instance;
    }

    record Instance(String name, URI base, Process process, Path log) {
        HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", EDITOR)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
                if (contentType != null) {
                    request.header("Content-Type", contentType);
                }
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(name + ": " + method + " " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        int status(String path) {
            try {
                return send("GET", path, null, null).statusCode();
            } catch (IllegalStateException e) {
                return -1;
            }
        }

        JsonNode json(String method, String path, String body, int expected) throws IOException {
            HttpResponse<String> answer = send(
                    method,
                    path,
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, answer.statusCode(), name + ": " + method + " " + path + ": " + answer.body());
            return JSON.readTree(answer.body());
        }

        String startRun() throws IOException {
            return json("POST", "/campaigns/winback-180/selections", "{\"runDate\": \"" + RUN_DATE + "\"}", 202)
                    .path("runId")
                    .asText();
        }

        JsonNode awaitCompleted(String runId, Duration timeout) throws InterruptedException, IOException {
            JsonNode[] view = new JsonNode[1];
            await(
                    "run " + runId + " to end",
                    () -> {
                        try {
                            view[0] = json("GET", "/selections/" + runId, null, 200);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                        return !"RUNNING".equals(view[0].path("status").asText());
                    },
                    timeout);
            assertEquals("COMPLETED", view[0].path("status").asText(), view[0].toString());
            return view[0];
        }
    }

    @Test
    void threeWorkersOneKilledMidSegmentGiveTheResultsOfASingleProcessRun() throws Exception {
        Instance a = start("worker-a", "queue");
        Instance b = start("worker-b", "queue");
        Instance c = start("worker-c", "queue");
        SyntheticCustomers generator = new SyntheticCustomers(31, LocalDate.parse(RUN_DATE));
        StringBuilder ndjson = new StringBuilder(CUSTOMERS * 320);
        for (int i = 1; i <= CUSTOMERS; i++) {
            ndjson.append(SyntheticCustomers.toJson(generator.next(i))).append('\n');
        }
        HttpResponse<String> imported = a.send(
                "POST",
                "/customers/import",
                "application/x-ndjson",
                ndjson.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(CUSTOMERS, JSON.readTree(imported.body()).path("imported").asInt(), imported.body());
        a.json("PUT", "/campaigns/winback-180", Files.readString(Path.of("samples/campaigns/winback-180.json")), 200);

        String distributed = a.startRun();
        // Killed once it has taken a segment and stored a few pages of it: its segment must be taken over.
        await("worker-b to work on a segment", () -> logOf(b).contains("Working on segment"), Duration.ofMinutes(2));
        Thread.sleep(3_000);
        b.process().destroyForcibly().waitFor();
        JsonNode finished = c.awaitCompleted(distributed, Duration.ofMinutes(15));
        assertEquals(CUSTOMERS, finished.path("processed").asLong(), finished.toString());
        assertTrue(
                logOf(a).contains("Working on segment") && logOf(c).contains("Working on segment"),
                "the surviving workers took segments too");

        Instance single = start("single-process", "local");
        String local = single.startRun();
        single.awaitCompleted(local, Duration.ofMinutes(15));

        try (DynamoDbClient dynamo = client()) {
            Map<String, String> byQueue = results(dynamo, distributed);
            Map<String, String> byOne = results(dynamo, local);
            assertEquals(CUSTOMERS, byQueue.size(), "one result per customer, no duplicates");
            assertEquals(byOne, byQueue, "the queue-shared run decided every customer as the single-process run did");
            long selected = byQueue.values().stream()
                    .filter(r -> r.startsWith("SELECTED"))
                    .count();
            assertTrue(selected > 1_000, "enough selected to mean something: " + selected);
            assertEquals(selected, outboxEventsOf(dynamo, distributed), "one event per selected customer, none twice");
        }
    }

    private static String logOf(Instance instance) {
        try {
            return Files.readString(instance.log());
        } catch (IOException e) {
            return "";
        }
    }

    private static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ExtendDbServer.ACCESS_KEY, ExtendDbServer.SECRET_KEY)))
                .build();
    }

    /** customer id -> "OUTCOME discount reason" of every stored result of the run. */
    private static Map<String, String> results(DynamoDbClient dynamo, String runId) {
        Map<String, String> results = new HashMap<>();
        dynamo.queryPaginator(b -> b.tableName(PREFIX + "selection-results")
                        .keyConditionExpression("runId = :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(runId))))
                .items()
                .forEach(item -> {
                    String previous = results.put(
                            item.get("customerId").s(),
                            item.get("outcome").s() + " "
                                    + new java.math.BigDecimal(
                                                    item.get("discountPercent").n())
                                            .stripTrailingZeros()
                                            .toPlainString()
                                    + " " + item.get("reason").s());
                    assertEquals(null, previous, "a customer twice in one run");
                });
        return results;
    }

    private static long outboxEventsOf(DynamoDbClient dynamo, String runId) {
        long[] count = {0};
        dynamo.scanPaginator(b -> b.tableName(PREFIX + "outbox")).items().forEach(item -> {
            if (item.toString().contains(runId)) {
                count[0]++;
            }
        });
        return count[0];
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(250);
        }
    }
}
