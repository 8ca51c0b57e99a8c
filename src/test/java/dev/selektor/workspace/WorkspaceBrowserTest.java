package dev.selektor.workspace;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.BrowserScript;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace in a real browser: src/test/browser/workspace-flow.mjs defines a campaign, reads its reach, runs
 * it, reads the result, downloads the CSV and asks why a customer was not selected, then looks as a viewer; this
 * test checks through REST that what the pages showed is what the service holds.
 */
@QuarkusTest
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

    @BeforeEach
    void storedCustomers() {
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
                        "09-viewer-refused.png"),
                campaignId,
                withoutConsent);

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
    }
}
