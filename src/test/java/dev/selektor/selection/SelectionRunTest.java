package dev.selektor.selection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.policy.HoldoutBucket;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.RunComparison;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.SelectionRuns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Selection runs over this test's 5,000 stored customers, checked against the decision endpoint. A run goes over
 * every stored customer, those other tests left included: the checks hold for whatever else is stored, and those
 * that count customers ask for this test's own among them. Its campaigns are its own, so that no other test's run
 * counts as contact pressure here; other tests run on the run date, outside the window of these runs.
 */
@QuarkusTest
@ActingUser("tester")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelectionRunTest {
    private static final String RUN_DATE = "2026-11-26";
    /** The first run lies inside the contact-pressure window [RUN_DATE - 30 days, RUN_DATE) of later runs. */
    private static final String FIRST_RUN_DATE = "2026-11-20";
    /** This test's customers: their ids start with it. */
    private static final String PREFIX = TestIds.unique("C-SEL");
    /** This test's campaign of the sample model winback-180, which the first run selects for. */
    private static final String FIRST_CAMPAIGN = TestIds.unique("winback");

    private static List<String> ownCustomers;
    /** The first run, made once for the tests that look at it. */
    private static FirstRun first;

    /** The completed first run, and how many customers were stored when it started. */
    private record FirstRun(String runId, long stored, JsonPath status) {}

    @Inject
    SelectionResultRepository results;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    LocalRunCoordinator processor;

    @Inject
    SelectionRunRepository runs;

    private static String startRun(String campaignId, String runDate) {
        return SelectionRuns.start(campaignId, runDate);
    }

    private static JsonPath awaitCompletion(String runId) throws InterruptedException {
        return SelectionRuns.awaitCompletion(runId, java.time.Duration.ofMinutes(5));
    }

    /** This test's customers, their campaign and the first run over them: made by the first test that needs them. */
    private FirstRun firstRun() throws InterruptedException {
        if (first == null) {
            ownCustomers = TestCustomers.importSelectionCustomers(PREFIX, LocalDate.parse(RUN_DATE));
            SampleCampaigns.defineAs("winback-180", FIRST_CAMPAIGN);
            long stored = customers.count();
            String runId = startRun(FIRST_CAMPAIGN, FIRST_RUN_DATE);
            first = new FirstRun(runId, stored, awaitCompletion(runId));
        }
        return first;
    }

    private static boolean own(String customerId) {
        return customerId.startsWith(PREFIX + "-");
    }

    /** Selection runs go over every stored customer: later tests need not go over these. */
    @AfterAll
    static void deleteOwnCustomers() {
        if (ownCustomers != null) {
            TestCustomers.delete(
                    Arc.container().instance(CustomerFactsRepository.class).get(), ownCustomers);
        }
    }

    private static void assertEventsMatchSelected(String runId, Map<String, SelectionResult> byCustomer)
            throws InterruptedException {
        RunComparison.assertEventsMatchSelected(runId, byCustomer);
    }

    private Map<String, SelectionResult> resultsOf(String runId) {
        return RunComparison.resultsOf(results, runId);
    }

    // Thousands of comparisons: a plain JDK client and Jackson, because REST Assured's Groovy costs more CPU per call
    // than the service.
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode decide(
            String campaignId, String customerId, String runDate) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + io.restassured.RestAssured.port + "/campaigns/" + campaignId + "/decisions"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.basic("tester"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\": \"" + customerId + "\", \"runDate\": \"" + runDate + "\"}"))
                .build();
        try {
            var response = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks the decision endpoint about every result, several requests at a time. */
    private static void assertSameAsDecisions(String campaignId, java.util.Collection<SelectionResult> all) {
        var pool = new java.util.concurrent.ForkJoinPool(8);
        try {
            pool.submit(() -> all.parallelStream().forEach(r -> assertSameAsDecision(campaignId, r)))
                    .get();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static void assertSameAsDecision(String campaignId, SelectionResult result) {
        var decision = decide(campaignId, result.customerId(), result.runDate().toString());
        String where = result.customerId() + " in " + campaignId;
        assertEquals(decision.get("outcome").asText(), result.outcome().name(), where);
        assertEquals(0, decision.get("discountPercent").decimalValue().compareTo(result.discountPercent()), where);
        assertEquals(decision.get("reason").asText(), result.reason(), where);
        assertEquals(decision.get("modelVersion").asText(), result.modelVersion(), where);
    }

    @Test
    @Order(1)
    void uncappedRunOverAllCustomersEqualsTheDecisionEndpoint() throws InterruptedException {
        FirstRun run = firstRun();
        String firstRun = run.runId();
        long stored = run.stored();
        JsonPath status = run.status();
        assertEquals(stored, status.getLong("processed"));

        Map<String, SelectionResult> byCustomer = resultsOf(firstRun);
        assertEquals(stored, byCustomer.size(), "one result per stored customer, no duplicates");
        assertTrue(byCustomer.keySet().containsAll(ownCustomers), "a result for each of this test's customers");
        long selected = byCustomer.values().stream()
                .filter(r -> r.outcome().name().equals("SELECTED"))
                .count();
        assertEquals(selected, status.getLong("selected"));
        assertTrue(selected > 0 && status.getLong("heldOut") > 0, status.prettify());
        assertTrue(
                byCustomer.values().stream()
                                .anyMatch(r -> own(r.customerId())
                                        && r.outcome().name().equals("SELECTED"))
                        && byCustomer.values().stream()
                                .anyMatch(r -> own(r.customerId())
                                        && r.outcome().name().equals("HOLDOUT")),
                "this test's customers alone include selected and held-out ones");
        assertSameAsDecisions(FIRST_CAMPAIGN, byCustomer.values());
        assertEventsMatchSelected(firstRun, byCustomer);

        // Paging through the selected customers gives each exactly once, in a stable order.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 333);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/selections/" + firstRun + "/customers")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            paged.addAll(page.getList("items.customerId", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(paged.stream().sorted().toList(), paged);
        assertEquals(
                byCustomer.values().stream()
                        .filter(r -> r.outcome().name().equals("SELECTED"))
                        .map(SelectionResult::customerId)
                        .sorted()
                        .toList(),
                paged);

        // The export writes the same customers, as CSV and as NDJSON.
        String csv = given().queryParam("format", "csv")
                .get("/selections/" + firstRun + "/export")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        List<String> rows = csv.lines().toList();
        assertEquals("customerId,discountPercent,reason,campaignId,runId,runDate,modelVersion", rows.get(0));
        assertEquals(
                paged,
                rows.subList(1, rows.size()).stream()
                        .map(row -> row.split(",")[0])
                        .toList());
        String ndjson = given().queryParam("format", "ndjson")
                .get("/selections/" + firstRun + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> ids = ndjson.lines()
                .map(line -> JsonPath.from(line).getString("customerId"))
                .toList();
        assertEquals(paged, ids);
        ndjson.lines().limit(20).forEach(line -> {
            SelectionResult result = byCustomer.get(JsonPath.from(line).getString("customerId"));
            assertEquals(
                    0,
                    new BigDecimal(JsonPath.from(line).getString("discountPercent"))
                            .compareTo(result.discountPercent()));
        });
    }

    @Test
    @Order(2)
    void aSecondCampaignsRunShowsContactPressure() throws InterruptedException {
        String firstRun = firstRun().runId();
        String secondWave = TestIds.unique("winback-second-wave");
        // Same model, no holdout: everyone the first campaign selected is now under pressure (N = 1 in tests).
        given().contentType(ContentType.JSON)
                .body("""
                {"name": "Win-back, second wave", "decisionModel": "winback-180", "startDate": "2026-11-01", "endDate": "2026-12-31"}
                """)
                .put("/campaigns/" + secondWave)
                .then()
                .statusCode(200);
        String second = startRun(secondWave, RUN_DATE);
        awaitCompletion(second);
        Map<String, SelectionResult> before = resultsOf(firstRun);
        Map<String, SelectionResult> after = resultsOf(second);
        int pressured = 0;
        for (SelectionResult earlier : before.values()) {
            SelectionResult now = after.get(earlier.customerId());
            boolean policyFirst = Set.of("NO_CONSENT", "FRAUD_SUSPECTED").contains(now.reason());
            if (earlier.outcome().name().equals("SELECTED") && !policyFirst) {
                assertEquals("CONTACT_PRESSURE", now.reason(), earlier.customerId());
                pressured++;
            } else {
                assertTrue(!"CONTACT_PRESSURE".equals(now.reason()), earlier.customerId());
            }
        }
        assertTrue(pressured > 0);
        // The decision endpoint reads the same history from the index by customer (the first run compared all).
        assertSameAsDecisions(
                secondWave,
                after.values().stream()
                        .filter(r -> own(r.customerId()))
                        .sorted(Comparator.comparing(SelectionResult::customerId))
                        .limit(1_000)
                        .toList());
        String someone = before.values().stream()
                .filter(r -> own(r.customerId()) && r.outcome().name().equals("SELECTED"))
                .findFirst()
                .orElseThrow()
                .customerId();
        List<String> runsOfSomeone = given().get("/customers/" + someone + "/selections")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("runId", String.class);
        assertTrue(runsOfSomeone.containsAll(List.of(firstRun, second)), runsOfSomeone.toString());
        assertTrue(runsOfSomeone.indexOf(second) < runsOfSomeone.indexOf(firstRun), "newest run date first");
        given().get("/campaigns/" + FIRST_CAMPAIGN + "/customers/" + someone)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SELECTED"))
                .body("runId", equalTo(firstRun));
        // Checkout's form of the question (facts in the body, answered without the store when it can): the history
        // of the completed run still counts.
        String facts = given().get("/customers/" + someone)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        given().contentType(ContentType.JSON)
                .body("{\"customer\": " + facts + ", \"runDate\": \"" + RUN_DATE + "\"}")
                .post("/campaigns/" + secondWave + "/decisions")
                .then()
                .statusCode(200)
                .body("reason", equalTo(after.get(someone).reason()));
    }

    @Test
    @Order(3)
    void cappedRunSelectsExactlyTheTopByPriority() throws InterruptedException {
        firstRun();
        String capped = TestIds.unique("black-week-top-100");
        given().contentType(ContentType.JSON)
                .body("""
                {"name": "Black Week, top 100", "decisionModel": "black-week-tech", "startDate": "2026-11-23",
                 "endDate": "2026-11-30", "maxCustomers": 100}
                """)
                .put("/campaigns/" + capped)
                .then()
                .statusCode(200);
        String run = startRun(capped, RUN_DATE);
        JsonPath status = awaitCompletion(run);
        Map<String, SelectionResult> byCustomer = resultsOf(run);
        List<SelectionResult> eligible = byCustomer.values().stream()
                .filter(r -> r.outcome().name().equals("SELECTED")
                        || r.outcome().name().equals("CAPPED"))
                .toList();
        assertTrue(
                eligible.stream().filter(r -> own(r.customerId())).count() > 100,
                "the test needs more eligible customers of its own than the cap: " + eligible.size());
        Set<String> selected = byCustomer.values().stream()
                .filter(r -> r.outcome().name().equals("SELECTED"))
                .map(SelectionResult::customerId)
                .collect(Collectors.toSet());
        assertEquals(100, selected.size());
        assertEquals(100, status.getLong("selected"));
        assertEquals(eligible.size() - 100, status.getLong("capped"));
        // black-week-tech's Priority is revenue12m: recompute the top 100 from the facts, ties by the holdout hash.
        Comparator<String> best = Comparator.<String, BigDecimal>comparing(
                        id -> customers.find(id).orElseThrow().revenue12m())
                .reversed()
                .thenComparing(id -> HoldoutBucket.hash(capped, id), Long::compareUnsigned);
        Set<String> expected = eligible.stream()
                .map(SelectionResult::customerId)
                .sorted(best)
                .limit(100)
                .collect(Collectors.toSet());
        assertEquals(expected, selected);
        // Events only once the cut is known, and only for the 100.
        assertEventsMatchSelected(run, byCustomer);
        byCustomer.values().stream()
                .filter(r -> r.outcome().name().equals("CAPPED"))
                .forEach(r -> {
                    assertEquals(0, r.discountPercent().signum());
                    assertEquals("CAPPED", r.reason());
                });
    }

    @Test
    @Order(4)
    void runDateAfterTheCampaignsEndIsRefused() {
        SampleCampaigns.define();
        given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"2027-06-01\"}")
                .when()
                .post("/campaigns/black-week-tech/selections")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().get("/selections/" + TestIds.unique("no-such-run")).then().statusCode(404);
    }

    @Test
    @Order(5)
    void erasingACustomerErasesTheirOutcomes() throws InterruptedException {
        String firstRun = firstRun().runId();
        String someone = resultsOf(firstRun).keySet().stream()
                .filter(SelectionRunTest::own)
                .sorted()
                .findFirst()
                .orElseThrow();
        given().get("/customers/" + someone + "/selections")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThan(0));
        given().delete("/customers/" + someone).then().statusCode(204);
        // The by-customer index is eventually consistent (as DynamoDB's global secondary indexes are): give it a
        // moment.
        long deadline = System.currentTimeMillis() + 10_000;
        String outcomes;
        while (!(outcomes = given().get("/customers/" + someone + "/selections")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                        .equals("[]")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("[]", outcomes, "every stored outcome of the erased customer is gone");
        given().get("/campaigns/" + FIRST_CAMPAIGN + "/customers/" + someone)
                .then()
                .statusCode(404);
        Set<String> left = new HashSet<>(resultsOf(firstRun).keySet());
        assertTrue(!left.contains(someone));
    }

    @Test
    @Order(6)
    void aRunKilledThreeTimesAtRandomPagesEndsWithTheResultsOfAnUninterruptedRun() throws Exception {
        firstRun();
        ownCustomers = TestCustomers.importSelectionCustomers(PREFIX, LocalDate.parse(RUN_DATE));
        String vipCrashTest = TestIds.unique("vip-crash-test");
        given().contentType(ContentType.JSON)
                .body("""
                {"name": "VIP crash test", "decisionModel": "vip-thank-you", "startDate": "2026-11-01",
                 "endDate": "2026-12-31", "holdoutPercent": 20}
                """)
                .put("/campaigns/" + vipCrashTest)
                .then()
                .statusCode(200);
        String reference = startRun(vipCrashTest, RUN_DATE);
        JsonPath referenceStatus = awaitCompletion(reference);

        String crashed = startRun(vipCrashTest, RUN_DATE);
        java.util.Random random = new java.util.Random();
        int kills = 0;
        while (kills < 3) {
            Thread.sleep(100 + random.nextInt(400));
            if (!processor.isWorkingOn(crashed)) {
                break; // finished before the next kill: start over with a new run would lose the point
            }
            processor.abandon(crashed);
            while (processor.isWorkingOn(crashed)) {
                Thread.sleep(20);
            }
            kills++;
            String status =
                    given().get("/selections/" + crashed).then().extract().path("status");
            if ("COMPLETED".equals(status)) {
                break; // the kill came after the last page was stored: nothing left to resume
            }
            assertEquals("RUNNING", status);
            processor.submit(runs.find(crashed).orElseThrow()); // what a restarted instance does at start-up
        }
        assertEquals(3, kills, "the run must still be going at each kill");
        JsonPath crashedStatus = awaitCompletion(crashed);

        Map<String, SelectionResult> expected = resultsOf(reference);
        Map<String, SelectionResult> actual = resultsOf(crashed);
        RunComparison.assertSameResults(expected, actual);
        assertTrue(actual.keySet().containsAll(ownCustomers), "this test's customers among them");
        // Counters move with checkpoints only, so replayed pages are not counted twice.
        RunComparison.assertSameCounts(referenceStatus, crashedStatus);
        assertEventsMatchSelected(crashed, actual);
    }

    @Test
    @Order(7)
    void aFailedRunResumedThroughTheApiEndsWithTheResultsOfAnUninterruptedRun() throws Exception {
        firstRun();
        String campaign = TestIds.unique("winback-resume");
        SampleCampaigns.defineAs("winback-180", campaign);
        String reference = startRun(campaign, RUN_DATE);
        JsonPath referenceStatus = awaitCompletion(reference);

        String failed = startRun(campaign, RUN_DATE);
        dev.selektor.testing.Await.until(
                "the run to store its first pages",
                () -> given().get("/selections/" + failed)
                                .then()
                                .extract()
                                .jsonPath()
                                .getLong("processed")
                        > 0,
                java.time.Duration.ofMinutes(1));
        processor.abandon(failed);
        while (processor.isWorkingOn(failed)) {
            Thread.sleep(20);
        }
        // What a worker that gave up leaves behind: the run FAILED, its checkpoints as far as it came.
        SelectionRun given = runs.find(failed).orElseThrow();
        assertEquals(SelectionRun.Status.RUNNING, given.status(), "the run must still be going when it fails");
        runs.update(given.finish(
                SelectionRun.Status.FAILED, java.time.Instant.now(), java.util.Optional.of("the worker gave up")));
        TestUsers.as(
                "viewer",
                () -> given().post("/selections/" + failed + "/resume").then().statusCode(403));
        given().post("/selections/" + failed + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("failure", org.hamcrest.Matchers.nullValue());
        JsonPath resumedStatus = awaitCompletion(failed);
        RunComparison.assertSameResults(resultsOf(reference), resultsOf(failed));
        RunComparison.assertSameCounts(referenceStatus, resumedStatus);
        assertEventsMatchSelected(failed, resultsOf(failed));
        given().post("/selections/" + failed + "/resume")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }
}
