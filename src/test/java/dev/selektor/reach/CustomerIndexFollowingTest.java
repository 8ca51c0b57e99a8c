package dev.selektor.reach;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.OpenSearchNode;
import dev.selektor.testing.OpenSearchTestResource;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The customer index follows the customers table's stream: a new customer appears, an erased one leaves, and
 * while the node is down audience questions answer 503 at once, everything else goes on, and the follower catches
 * up from its checkpoint when the node is back, missing nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = OpenSearchTestResource.class, restrictToAnnotatedClass = true)
@ActingUser("editor")
class CustomerIndexFollowingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CustomerFactsRepository customers;

    private static String customer(String id) {
        return """
                {"customerId": "%s", "segment": "VIP", "country": "AT", "memberSince": "2020-05-01",
                 "marketingConsent": true, "fraudFlag": false, "orders12m": 3, "revenue12m": 410.20,
                 "returnRate12m": 0.05, "lastOrderDate": "2026-11-02", "categories": ["audio"]}
                """.formatted(id);
    }

    @Test
    void aNewCustomerAppearsInTheIndexAndAnErasedOneLeavesIt() throws InterruptedException {
        String id = TestIds.unique("C-FOLLOW");
        given().contentType(ContentType.JSON)
                .body(customer(id))
                .put("/customers/" + id)
                .then()
                .statusCode(200);
        IndexedCustomers.awaitCount(List.of(id), 1, Duration.ofSeconds(30));
        given().delete("/customers/" + id).then().statusCode(204);
        IndexedCustomers.awaitCount(List.of(id), 0, Duration.ofSeconds(30));
        given().get("/audience/status")
                .then()
                .statusCode(200)
                .body("follower", equalTo("following"))
                .body("indexLagSeconds", org.hamcrest.Matchers.lessThan(30f));
        given().get("/q/metrics").then().statusCode(200).body(containsString("selektor_audience_index_lag_seconds"));
    }

    @Test
    void whileTheNodeIsDownQuestionsAnswer503AndAnImportGoesOnAndTheIndexCatchesUpAfter() throws Exception {
        OpenSearchNode node = OpenSearchTestResource.node();
        String campaignId = TestIds.unique("outage");
        SampleCampaigns.defineAs("black-week-tech", campaignId);
        String prefix = TestIds.unique("C-OUTAGE");
        CompletableFuture<List<String>> importing = CompletableFuture.supplyAsync(
                () -> TestCustomers.importSyntheticInParts(prefix, LocalDate.parse("2026-11-26"), 10_000));
        List<String> ids = List.of();
        try {
            Thread.sleep(300);
            node.stop();
            long asked = System.nanoTime();
            given().contentType(ContentType.JSON)
                    .body("{\"filters\": [{\"fact\": \"segment\", \"in\": [\"VIP\"]}]}")
                    .post("/audience/count")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"));
            long tookMs = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(tookMs < 8_000, "a question to a stopped node fails fast, took " + tookMs + " ms");
            ids = importing.get();
            assertEquals(10_000, ids.size(), "the import does not wait for the index");
            given().contentType(ContentType.JSON)
                    .body("{\"customerId\": \"" + ids.get(0) + "\", \"runDate\": \"2026-11-26\"}")
                    .post("/campaigns/" + campaignId + "/decisions")
                    .then()
                    .statusCode(200);
        } finally {
            node.start();
        }
        IndexedCustomers.awaitCount(ids, 10_000, Duration.ofMinutes(2));
        assertEquals(factsInTable(ids), factsInIndex(node, ids), "the index holds the table's facts");
        TestCustomers.delete(customers, ids);
        IndexedCustomers.awaitCount(ids, 0, Duration.ofMinutes(1));
    }

    private Map<String, String> factsInTable(List<String> ids) {
        Map<String, String> facts = new TreeMap<>();
        for (String id : ids) {
            var f = customers.find(id).orElseThrow();
            facts.put(
                    id,
                    f.segment() + " " + f.country() + " "
                            + f.revenue12m().stripTrailingZeros().toPlainString() + " "
                            + f.lastOrderDate().map(Object::toString).orElse("-") + " " + f.categories());
        }
        return facts;
    }

    private static Map<String, String> factsInIndex(OpenSearchNode node, List<String> ids) throws Exception {
        String index = node.clientSettings().get("selektor.opensearch.index-prefix") + "customers";
        String body =
                "{\"size\": 10000, \"query\": {\"terms\": {\"customerId\": " + JSON.writeValueAsString(ids) + "}}}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(node.url() + "/" + index + "/_search"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Map<String, String> facts = new TreeMap<>();
        for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
            JsonNode f = hit.path("_source");
            List<String> categories = new java.util.ArrayList<>();
            f.path("categories").forEach(c -> categories.add(c.asText()));
            facts.put(
                    hit.path("_id").asText(),
                    f.path("segment").asText() + " " + f.path("country").asText() + " "
                            + f.path("revenue12m")
                                    .decimalValue()
                                    .stripTrailingZeros()
                                    .toPlainString() + " "
                            + (f.hasNonNull("lastOrderDate")
                                    ? f.path("lastOrderDate").asText()
                                    : "-") + " "
                            + categories);
        }
        return facts;
    }
}
