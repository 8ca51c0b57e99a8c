package dev.selektor.selection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.storage.dynamo.ItemSize;
import dev.selektor.storage.dynamo.Tables;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.SelectionRuns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stored result explains itself as at its run (contract section 11): after the customer's facts change, the
 * stored outcome still shows the row that decided, its annotation and the inputs the model read then, while a
 * decision asked now sees the new facts. And every result item stays under 1 KB, one write unit per customer.
 */
@QuarkusTest
@ActingUser("editor")
class StoredExplanationTest {
    private static final String RUN_DATE = "2026-11-26";

    @Inject
    CustomerFactsRepository customers;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    private static String fan(String id, String revenue, String categories) {
        return """
                {"customerId": "%s", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
                 "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
                 "revenue12m": %s, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30", "categories": %s}
                """.formatted(id, revenue, categories);
    }

    @Test
    void aStoredResultExplainsItselfAsAtItsRunAfterTheFactsHaveChanged() throws InterruptedException {
        String campaignId = TestIds.unique("why-stored");
        SampleCampaigns.defineAs("black-week-tech", campaignId);
        String fanId = TestIds.outsideHoldout("C-WHY", campaignId, 5);
        List<String> ids = new ArrayList<>(
                TestCustomers.importSynthetic(TestIds.unique("C-WHYS"), LocalDate.parse(RUN_DATE), 300));
        ids.add(fanId);
        given().contentType(ContentType.JSON)
                .body(fan(fanId, "845.50", "[\"fashion\", \"electronics\"]"))
                .put("/customers/" + fanId)
                .then()
                .statusCode(200);
        try {
            String runId = SelectionRuns.start(campaignId, RUN_DATE);
            SelectionRuns.awaitCompletion(runId, Duration.ofMinutes(2));

            given().contentType(ContentType.JSON)
                    .body(fan(fanId, "50", "[\"garden\"]"))
                    .put("/customers/" + fanId)
                    .then()
                    .statusCode(200);
            JsonPath now = given().contentType(ContentType.JSON)
                    .body("{\"customerId\": \"" + fanId + "\", \"runDate\": \"" + RUN_DATE + "\"}")
                    .post("/campaigns/" + campaignId + "/decisions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(50, now.getInt("explanation.inputs.'Customer.revenue12m'"), "today's decision sees today");
            assertNotEquals(15, now.getInt("discountPercent"), now.prettify());

            JsonPath stored = given().get("/campaigns/" + campaignId + "/customers/" + fanId)
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("SELECTED"))
                    .body("discountPercent", equalTo(15))
                    .extract()
                    .jsonPath();
            assertEquals(6, stored.getInt("explanation.matchedRules[0].row"), stored.prettify());
            assertEquals("Selection", stored.getString("explanation.matchedRules[0].decision"));
            assertTrue(
                    stored.getString("explanation.matchedRules[0].annotation").contains("15 %"),
                    "the row's annotation, found in the model version that decided: " + stored.prettify());
            assertEquals(845.5, stored.getDouble("explanation.inputs.'Customer.revenue12m'"), stored.prettify());
            assertEquals(List.of("fashion", "electronics"), stored.getList("explanation.inputs.'Customer.categories'"));
            assertEquals("2026-11-26", stored.getString("explanation.inputs.'Run Date'"));
            assertEquals(
                    List.of("PASSED", "PASSED", "PASSED", "PASSED"),
                    stored.getList("explanation.policies.result"),
                    stored.prettify());

            given().get("/customers/" + fanId + "/selections")
                    .then()
                    .statusCode(200)
                    .body("find { it.runId == '" + runId + "' }.explanation.matchedRules[0].row", equalTo(6));
            given().get("/selections/" + runId + "/customers?limit=1000")
                    .then()
                    .statusCode(200)
                    .body("items.customerId", hasItem(fanId))
                    .body(
                            "items.find { it.customerId == '" + fanId + "' }.explanation.matchedRules[0].annotation",
                            containsString("15 %"));

            long largest = dynamo
                    .queryPaginator(b -> b.tableName(tables.name(Tables.SELECTION_RESULTS))
                            .keyConditionExpression("runId = :r")
                            .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(runId))))
                    .items()
                    .stream()
                    .peek(item -> assertTrue(item.containsKey("why"), "every result stores its explanation"))
                    .mapToLong(ItemSize::of)
                    .max()
                    .orElseThrow();
            assertTrue(largest < 1024, "a result item stays under one write unit (1 KB): the largest is " + largest);
        } finally {
            TestCustomers.delete(customers, ids);
        }
    }
}
