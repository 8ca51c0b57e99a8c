package dev.selektor.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.testing.Await;
import dev.selektor.testing.ExtendDbServer;
import dev.selektor.testing.OpenSearchNode;
import dev.selektor.testing.PackagedService;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The packaged service killed (SIGKILL) in the middle of an import of 10,000 customers: after a restart on the same
 * store and node, the customer index converges to the table, the same ids and no others, because the follower
 * takes the dead process's lease when it expires and goes on from the last checkpoint. Runs in {@code mvn verify}.
 */
class IndexConvergenceIT {
    private static final Path LOGS = Path.of("target/index-convergence-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "selektor-index-it-";

    private static ExtendDbServer store;
    private static OpenSearchNode node;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(LOGS);
        store = new ExtendDbServer();
        store.start();
        node = new OpenSearchNode();
        node.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.stop();
        }
        if (store != null) {
            store.stop();
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(store.clientSettings());
        settings.putAll(node.clientSettings());
        settings.put("selektor.dynamodb.table-prefix", PREFIX);
        settings.put("selektor.outbox.relay-enabled", "false");
        return settings;
    }

    @Test
    void killedDuringAnImportTheIndexConvergesToTheTableAfterARestart() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        SyntheticCustomers generator = new SyntheticCustomers(11, LocalDate.parse("2026-11-26"));
        for (int i = 1; i <= 10_000; i++) {
            CustomerFacts facts = TestCustomers.withId(generator.next(i), TestCustomers.id("C-KILL", i));
            ndjson.append(SyntheticCustomers.toJson(facts)).append('\n');
        }
        PackagedService first = PackagedService.start("index-it-1", settings(), LOGS.resolve("first.log"), "-Xmx512m");
        CompletableFuture<HttpResponse<String>> importing = CompletableFuture.supplyAsync(() -> first.send(
                "POST",
                "/customers/import",
                TestUsers.basic("editor"),
                "application/x-ndjson",
                ndjson.toString().getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(2)));
        try (DynamoDbClient dynamo = store.client()) {
            Await.until("the import to be under way", () -> tableIds(dynamo).size() >= 1_000, Duration.ofSeconds(60));
            first.kill();
            assertTrue(
                    importing.handle((answer, failure) -> failure != null).get(), "the import died with the process");

            try (PackagedService second =
                    PackagedService.start("index-it-2", settings(), LOGS.resolve("second.log"), "-Xmx512m")) {
                Set<String> table = tableIds(dynamo);
                assertTrue(table.size() < 10_000, "killed before the import ended: " + table.size());
                Await.until(
                        "the index to hold the table's " + table.size() + " customers",
                        () -> indexIds().equals(table),
                        Duration.ofMinutes(2),
                        () -> "the index holds " + indexIds().size());
                assertEquals(table, indexIds());
            }
        } finally {
            first.kill();
        }
    }

    private static Set<String> tableIds(DynamoDbClient dynamo) {
        Set<String> ids = new TreeSet<>();
        dynamo.scanPaginator(b -> b.tableName(PREFIX + "customers").projectionExpression("customerId"))
                .items()
                .forEach(item -> ids.add(item.get("customerId").s()));
        return ids;
    }

    private static Set<String> indexIds() {
        try {
            String index = node.clientSettings().get("selektor.opensearch.index-prefix") + "customers";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(node.url() + "/" + index + "/_search"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"size\": 10000, \"_source\": false, \"query\": {\"match_all\": {}}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Set<String> ids = new TreeSet<>();
            for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
                ids.add(hit.path("_id").asText());
            }
            return ids;
        } catch (Exception e) {
            return Set.of();
        }
    }
}
