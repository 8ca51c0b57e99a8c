package dev.selektor.workspace;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.Await;
import dev.selektor.testing.BrowserScript;
import dev.selektor.testing.JsonApi;
import dev.selektor.testing.OpenSearchTestResource;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace in a real browser: src/test/browser/workspace-flow.mjs defines a campaign, reads its reach row by
 * row, runs it, reads the result, downloads the CSV, asks why a customer was not selected and reads a draft's reach
 * beside the live version's, then looks as a viewer and asks the audience page; this test checks through REST that
 * what the pages showed is what the service holds and answers.
 */
@QuarkusTest
@QuarkusTestResource(value = OpenSearchTestResource.class, restrictToAnnotatedClass = true)
@ActingUser("tester")
class WorkspaceBrowserTest {
    private static final Path SCRIPT = Path.of("src/test/browser/workspace-flow.mjs");
    private static final Path SCREENSHOTS = Path.of("target/workspace-screenshots");
    private static final LocalDate RUN_DATE = LocalDate.parse("2026-11-26");

    @TestHTTPResource("/")
    URL base;

    @Inject
    CustomerFactsRepository customers;

    private final List<String> storedCustomers = new ArrayList<>();
    private String withoutConsent;
    private String draftId;

    @BeforeEach
    void storedCustomers() throws InterruptedException {
        // A few hundred synthetic customers include electronics buyers the sample table selects.
        storedCustomers.addAll(TestCustomers.importSynthetic(TestIds.unique("C-WS"), RUN_DATE, 400));
        withoutConsent = TestIds.unique("C-WS-NOCONSENT");
        given().contentType(ContentType.JSON)
                .body("""
                        {"segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14", "memberSince": "2019-03-01",
                         "marketingConsent": false, "fraudFlag": false, "orders12m": 7, "revenue12m": 845.50,
                         "returnRate12m": 0.12, "lastOrderDate": "2026-10-30", "categories": ["electronics"]}
                        """)
                .put("/customers/" + withoutConsent)
                .then()
                .statusCode(200);
        storedCustomers.add(withoutConsent);
        // Reach and audience questions are counted in the customer index: filled with the customers just stored, and
        // holding exactly the table's customers before the page asks (the index also follows the table's stream).
        given().post("/audience/index/rebuild").then().statusCode(200);
        Await.until(
                "the customer index holds the customers table",
                () -> indexed() == customers.count(),
                Duration.ofSeconds(60),
                () -> indexed() + " indexed, " + customers.count() + " stored");
        draftId = savedDraft();
    }

    private static long indexed() {
        return JsonApi.post("/audience/count", "{}").getLong("count");
    }

    /** A draft of the campaign's table whose top discount starts at 1,000 EUR rather than 2,000: rows' reach moves. */
    private static String savedDraft() {
        String live = given().get("/decision-models/black-week-tech/dmn")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String bigSpender = "<text>&gt;= 2000</text>";
        String changed = live.contains(bigSpender)
                ? live.replace(bigSpender, "<text>&gt;= 1000</text>")
                : live.replace("<text>>= 2000</text>", "<text>>= 1000</text>");
        assertTrue(!changed.equals(live), "the live table has no row for revenue >= 2000");
        return given().contentType(ContentType.XML)
                .body(changed.getBytes(StandardCharsets.UTF_8))
                .post("/decision-models/black-week-tech/drafts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("draftId");
    }

    /** {row: customers} of a reach answer, as the flow reports what the page showed. */
    private static Map<String, Long> rowCounts(JsonPath reach) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> row : reach.<Map<String, Object>>getList("rows")) {
            counts.put(String.valueOf(row.get("row")), ((Number) row.get("customers")).longValue());
        }
        return counts;
    }

    /** {row: note} of the rows whose count is not exact. */
    private static Map<String, String> rowNotes(JsonPath reach) {
        Map<String, String> notes = new TreeMap<>();
        for (Map<String, Object> row : reach.<Map<String, Object>>getList("rows")) {
            if (!Boolean.TRUE.equals(row.get("exact"))) {
                notes.put(String.valueOf(row.get("row")), String.valueOf(row.get("note")));
            }
        }
        return notes;
    }

    private static Map<String, Long> longs(JsonPath json, String path) {
        Map<String, Long> values = new TreeMap<>();
        json.<String, Object>getMap(path).forEach((k, v) -> values.put(k, ((Number) v).longValue()));
        return values;
    }

    @AfterEach
    void deleteStoredCustomers() {
        TestCustomers.delete(customers, storedCustomers);
    }

    private static JsonPath read(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aMarketerDefinesACampaignRunsItAndReadsTheResultInTheBrowser() throws Exception {
        String campaignId = TestIds.unique("ws");
        JsonPath flow = BrowserScript.run(
                SCRIPT,
                base.toString(),
                SCREENSHOTS,
                List.of(
                        "01-signed-in.png",
                        "02-campaign-form-errors.png",
                        "03-campaign-reach.png",
                        "04-confirm-run.png",
                        "05-run-progress.png",
                        "06-run-completed.png",
                        "07-customer-why-not.png",
                        "08-viewer-campaign.png",
                        "09-viewer-refused.png",
                        "10-draft-reach.png",
                        "11-audience-count.png",
                        "12-audience-refused.png"),
                campaignId,
                withoutConsent,
                draftId);

        // The campaign the form created, with the values typed after the service's corrections.
        JsonPath campaign = read("/campaigns/" + campaignId);
        assertEquals("black-week-tech", campaign.getString("decisionModel"));
        assertEquals("2026-12-31", campaign.getString("endDate"));
        assertEquals(40, campaign.getInt("maxCustomers"));
        assertEquals(5, campaign.getInt("holdoutPercent"));

        // The run the page started and showed as complete.
        String runId = flow.getString("runId");
        JsonPath run = read("/selections/" + runId);
        assertEquals("COMPLETED", run.getString("status"), run.prettify());
        assertEquals(campaignId, run.getString("campaignId"));
        assertEquals(RUN_DATE.toString(), run.getString("runDate"));
        assertEquals(run.getInt("selected"), flow.getInt("selectedShown"), flow.prettify());
        assertTrue(flow.getString("progressText").startsWith("100"), flow.getString("progressText"));
        // The reach counts everyone the table selects; the run keeps some back (holdout, cap, contact pressure).
        long chosenByTable = run.getLong("selected") + run.getLong("heldOut") + run.getLong("capped");
        assertTrue(
                flow.getLong("reachSelected") >= chosenByTable && chosenByTable > 0,
                "reach " + flow.getLong("reachSelected") + " vs " + run.prettify());

        // The CSV the browser downloaded is the service's export, byte for byte.
        String downloaded = Files.readString(Path.of(flow.getString("csvPath")), StandardCharsets.UTF_8);
        String export = given().get("/selections/" + runId + "/export?format=csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(export, downloaded);

        // The customer the page explained is stored as not selected, for the reason the page gave.
        JsonPath outcome = read("/campaigns/" + campaignId + "/customers/" + withoutConsent);
        assertEquals("REJECTED", outcome.getString("outcome"));
        assertEquals("NO_CONSENT", outcome.getString("reason"));
        assertTrue(flow.getString("refusal").contains("roles"), flow.getString("refusal"));

        assertReachAsAnswered(campaignId, flow);
        assertAudienceAsAnswered(flow);
    }

    /** The reach beside each row, and its totals, are what the reach endpoints answer for the same run date. */
    private void assertReachAsAnswered(String campaignId, JsonPath flow) {
        JsonPath live = JsonApi.post(
                "/decision-models/black-week-tech/reach",
                "{\"runDate\": \"" + RUN_DATE + "\", \"campaignId\": \"" + campaignId + "\"}");
        assertEquals(rowCounts(live), new TreeMap<>(flow.getMap("reachRows.counts", String.class, Long.class)));
        assertEquals(rowNotes(live), new TreeMap<>(flow.getMap("reachRows.notes", String.class, String.class)));
        assertEquals(live.getLong("selected"), flow.getLong("reachSelected"), live.prettify());
        assertEquals(live.getLong("customers"), flow.getLong("reachCustomers"));
        assertEquals(live.getLong("holdoutExpected"), flow.getLong("reachHoldout"));
        Map<String, Long> byDiscount = new TreeMap<>();
        longs(live, "byDiscount").forEach((percent, n) -> byDiscount.put(percent + " % discount", n));
        assertEquals(byDiscount, new TreeMap<>(flow.getMap("reachDiscounts", String.class, Long.class)));
        Map<String, Long> chart = flow.getMap("reachChart", String.class, Long.class);
        assertEquals(live.getLong("noRuleMatched"), chart.get("No row of the table matched"), chart.toString());
        longs(live, "policies")
                .forEach((code, n) -> assertEquals(
                        n,
                        chart.entrySet().stream()
                                .filter(e -> e.getKey().contains("(" + code + ")"))
                                .map(Map.Entry::getValue)
                                .findFirst()
                                .orElse(null),
                        code + " in " + chart));
        assertTrue(live.getLong("selected") > 0, live.prettify());

        // The draft's page: the draft's counts and the live version's, each as its endpoint answers.
        String date = "{\"runDate\": \"" + RUN_DATE + "\"}";
        JsonPath draft = JsonApi.post("/decision-models/black-week-tech/drafts/" + draftId + "/reach", date);
        assertEquals(rowCounts(draft), new TreeMap<>(flow.getMap("draftRows.counts", String.class, Long.class)));
        assertEquals(
                rowCounts(JsonApi.post("/decision-models/black-week-tech/reach", date)),
                new TreeMap<>(flow.getMap("draftLiveRows.counts", String.class, Long.class)));
    }

    /** The count, breakdown and samples the audience page showed are the service's answer to the question it sent. */
    private void assertAudienceAsAnswered(JsonPath flow) {
        String question = flow.getString("audienceBody");
        JsonPath asked = JsonPath.from(question);
        assertEquals(
                List.of("segment", "revenue12m", "categories", "lastOrderDate", "marketingConsent"),
                asked.getList("filters.fact"),
                question);
        assertEquals(RUN_DATE.toString(), asked.getString("runDate"));
        JsonPath answer = JsonApi.post("/audience/count", question);
        assertTrue(answer.getLong("count") > 0, answer.prettify());
        assertEquals(answer.getLong("count"), flow.getLong("audienceShown"), answer.prettify());
        assertEquals(
                longs(answer, "breakdowns.segment"),
                new TreeMap<>(flow.getMap("audienceSegments", String.class, Long.class)));
        assertEquals(answer.getList("samples"), flow.getList("audienceSamples"));

        // The number the page sent and the service refused, named as the service names it.
        String refused = question.replace("\"samples\":5", "\"samples\":500");
        assertTrue(refused.contains("\"samples\":500"), question);
        String message = given().contentType(ContentType.JSON)
                .body(refused)
                .post("/audience/count")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("errors.find { it.field == '/samples' }.message");
        assertEquals(message, flow.getString("audienceFieldError"));
    }
}
