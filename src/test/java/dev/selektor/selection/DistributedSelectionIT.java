package dev.selektor.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.testing.Await;
import dev.selektor.testing.ElasticMqServer;
import dev.selektor.testing.ExtendDbServer;
import dev.selektor.testing.PackagedService;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    private static final Path LOGS = Path.of("target/distributed-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDITOR = TestUsers.basic("editor");

    private static ExtendDbServer store;
    private static ElasticMqServer queue;
    private static final List<PackagedService> services = new ArrayList<>();

    @BeforeAll
    static void startStandIns() throws IOException {
        assertTrue(
                Files.isRegularFile(PackagedService.JAR),
                PackagedService.JAR + " is missing: this test runs in mvn verify, after packaging");
        Files.createDirectories(LOGS);
        store = new ExtendDbServer();
        store.start();
        queue = new ElasticMqServer();
        queue.start();
    }

    @AfterAll
    static void stopEverything() {
        for (PackagedService service : services) {
            try {
                service.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (queue != null) {
            queue.stop();
        }
        if (store != null) {
            store.stop();
        }
    }

    /** One instance of the packaged application; queue mode with a short visibility so a dead worker's segment returns soon. */
    private static Instance start(String name, String mode) throws IOException, InterruptedException {
        Map<String, String> settings = new HashMap<>();
        settings.putAll(store.clientSettings());
        settings.putAll(queue.clientSettings());
        settings.put("selektor.dynamodb.table-prefix", PREFIX);
        settings.put("selektor.sqs.queue-prefix", PREFIX);
        settings.put("selektor.selection.mode", mode);
        settings.put("selektor.selection.workers", "2");
        settings.put("selektor.selection.segment-visibility", "10s");
        // The events stay in the outbox, where the test counts them.
        settings.put("selektor.outbox.relay-enabled", "false");
        PackagedService service = PackagedService.start(name, settings, LOGS.resolve(name + ".log"), "-Xmx512m");
        services.add(service);
        return new Instance(name, service.base(), service);
    }

    record Instance(String name, URI base, PackagedService service) {
        HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
            return service.send(method, path, EDITOR, contentType, body, Duration.ofMinutes(5));
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
            Await.until(
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
        a.json("PUT", "/campaigns/winback-180", SampleCampaigns.json("winback-180"), 200);

        String distributed = a.startRun();
        // Killed once it has taken a segment and stored a few pages of it: its segment must be taken over.
        Await.until(
                "worker-b to work on a segment",
                () -> b.service().logText().contains("Working on segment"),
                Duration.ofMinutes(2));
        Thread.sleep(3_000);
        b.service().kill();
        JsonNode finished = c.awaitCompleted(distributed, Duration.ofMinutes(15));
        assertEquals(CUSTOMERS, finished.path("processed").asLong(), finished.toString());
        assertTrue(
                a.service().logText().contains("Working on segment")
                        && c.service().logText().contains("Working on segment"),
                "the surviving workers took segments too");

        Instance single = start("single-process", "local");
        String local = single.startRun();
        single.awaitCompleted(local, Duration.ofMinutes(15));

        try (DynamoDbClient dynamo = store.client()) {
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
}
