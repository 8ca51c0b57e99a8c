package dev.selektor.reach;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.selection.SelectionResult;
import dev.selektor.selection.SelectionResultRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.Await;
import dev.selektor.testing.JsonApi;
import dev.selektor.testing.OpenSearchTestResource;
import dev.selektor.testing.SelectionRuns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A table's reach counted in the index is exactly what a selection run of the same model stores: for every sample
 * campaign model, over 20,000 stored and indexed customers, each row's count, the policies, no rule matched and
 * every discount's total. The runs have no holdout, and run dates two months apart keep contact pressure out.
 */
@QuarkusTest
@QuarkusTestResource(value = OpenSearchTestResource.class, restrictToAnnotatedClass = true)
@ActingUser("editor")
class ReachExactnessTest {
    private static final int CUSTOMERS = 20_000;
    private static final Map<String, String> RUN_DATES = Map.of(
            "black-week-tech", "2026-11-26",
            "vip-thank-you", "2026-09-15",
            "winback-180", "2026-07-01");

    @Inject
    CustomerFactsRepository customers;

    @Inject
    SelectionResultRepository results;

    @Test
    void eachRowsReachIsWhatASelectionRunOfTheModelStores() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        try {
            ids.addAll(TestCustomers.importSyntheticInParts(
                    TestIds.unique("C-REACH"), LocalDate.parse("2026-11-26"), CUSTOMERS));
            IndexedCustomers.awaitCount(ids, CUSTOMERS, Duration.ofMinutes(2));
            for (Map.Entry<String, String> model : new TreeMap<>(RUN_DATES).entrySet()) {
                assertReachIsWhatARunStores(model.getKey(), model.getValue(), ids);
            }
        } finally {
            TestCustomers.delete(customers, ids);
        }
    }

    private void assertReachIsWhatARunStores(String model, String runDate, List<String> ids)
            throws InterruptedException {
        String campaignId = TestIds.unique("reach-" + model);
        given().contentType(ContentType.JSON)
                .body("""
                        {"campaignId": "%s", "name": "Reach check", "decisionModel": "%s",
                         "startDate": "2026-01-01", "endDate": "2026-12-31", "holdoutPercent": 0}
                        """.formatted(campaignId, model))
                .put("/campaigns/" + campaignId)
                .then()
                .statusCode(200);
        JsonPath reach = given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"%s\", \"campaignId\": \"%s\", \"filters\": [%s]}"
                        .formatted(runDate, campaignId, IndexedCustomers.only(ids)))
                .post("/decision-models/" + model + "/reach")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(CUSTOMERS, reach.getLong("customers"), reach.prettify());
        assertTrue(reach.getBoolean("exact"), model + ": every row of the sample models translates");

        String runId = SelectionRuns.start(campaignId, runDate);
        SelectionRuns.awaitCompletion(runId, Duration.ofMinutes(5));
        Map<String, Long> stored = new TreeMap<>();
        Set<String> own = new HashSet<>(ids);
        results.forEachOfRun(runId, result -> {
            if (own.contains(result.customerId())) {
                stored.merge(bucket(result), 1L, Long::sum);
                if (result.outcome().name().equals("SELECTED")) {
                    stored.merge(
                            "discount "
                                    + result.discountPercent()
                                            .stripTrailingZeros()
                                            .toPlainString(),
                            1L,
                            Long::sum);
                    stored.merge("selected", 1L, Long::sum);
                }
            }
        });

        Map<String, Long> counted = new TreeMap<>();
        reach.getList("rows", Map.class).forEach(row -> {
            long n = ((Number) row.get("customers")).longValue();
            if (n > 0) {
                counted.put("row " + row.get("row"), n);
            }
        });
        reach.getMap("policies", String.class, Long.class).forEach((policy, n) -> {
            if (n > 0) {
                counted.put(policy, n);
            }
        });
        if (reach.getLong("noRuleMatched") > 0) {
            counted.put("NO_RULE_MATCHED", reach.getLong("noRuleMatched"));
        }
        reach.getMap("byDiscount", String.class, Long.class).forEach((d, n) -> counted.put("discount " + d, n));
        if (reach.getLong("selected") > 0) {
            counted.put("selected", reach.getLong("selected"));
        }
        assertEquals(stored, counted, model + " on " + runDate + ": " + reach.prettify());
        assertTrue(stored.keySet().stream().filter(k -> k.startsWith("row ")).count() >= 2, stored.toString());
    }

    @Test
    void aDraftsReachMovesFromTheLiveVersionsByWhatTheImpactPreviewReports() throws Exception {
        String prefix = TestIds.unique("C-DRAFT");
        List<String> ids = new ArrayList<>();
        try {
            ids.addAll(TestCustomers.importSyntheticInParts(prefix, LocalDate.parse("2026-11-26"), 10_000));
            // The preview goes over every stored customer, the reach over every indexed one: wait until they agree.
            Await.until(
                    "the index holds every stored customer",
                    () -> IndexedCustomers.countAll() == customers.count(),
                    Duration.ofMinutes(2));
            String edited = Files.readString(Path.of("dmn/black-week-tech.dmn"))
                    .replace("<text>[500..2000)</text>", "<text>[300..2000)</text>");
            String draftId = given().contentType(ContentType.XML)
                    .body(edited.getBytes(StandardCharsets.UTF_8))
                    .post("/decision-models/black-week-tech/drafts")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("draftId");
            String question = "{\"runDate\": \"2026-11-26\"}";
            JsonPath live = JsonApi.post("/decision-models/black-week-tech/reach", question);
            JsonPath draft = JsonApi.post("/decision-models/black-week-tech/drafts/" + draftId + "/reach", question);
            JsonPath impact = Impact.preview("black-week-tech", draftId, "2026-11-26");

            assertEquals(impact.getLong("selectedLive"), live.getLong("selected"), live.prettify());
            assertEquals(impact.getLong("selectedDraft"), draft.getLong("selected"), draft.prettify());
            assertEquals(
                    impact.getLong("entering") - impact.getLong("leaving"),
                    draft.getLong("selected") - live.getLong("selected"),
                    impact.prettify());
            assertTrue(
                    impact.getLong("entering") + impact.getLong("discountChanged") > 0, "the edit changes something");
            assertEquals(live.getLong("customers"), draft.getLong("customers"));
        } finally {
            TestCustomers.delete(customers, ids);
        }
    }

    /** What decided a stored result: a policy, no rule, or the table's row. */
    private static String bucket(SelectionResult result) {
        String reason = result.reason();
        if (List.of("NO_CONSENT", "FRAUD_SUSPECTED", "NO_RULE_MATCHED", "CONTACT_PRESSURE", "MODEL_ERROR")
                .contains(reason)) {
            return reason;
        }
        return result.explanation().orElseThrow().matchedRules().stream()
                .filter(r -> r.decision().equals("Selection"))
                .findFirst()
                .map(MatchedRule::row)
                .map(row -> "row " + row)
                .orElse("no row: " + reason);
    }
}
