package dev.selektor.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.BrowserScript;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The editor page in a real browser: src/test/browser/editor-flow.mjs signs in as an editor, changes a cell in the
 * Apache KIE DMN editor, saves, tests and previews the draft, and has the approver publish it; this test checks
 * through REST that the change is live at once, then puts the original model back for the other test classes.
 */
@QuarkusTest
@ActingUser("tester")
class EditorBrowserTest {
    private static final Path SCRIPT = Path.of("src/test/browser/editor-flow.mjs");
    private static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    // An electronics fan (row 6 of the Selection table, 15 % in dmn/black-week-tech.dmn).
    private static final String FAN = """
            {"customer": {"customerId": "C-BROWSER-1", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
             "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
             "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
             "categories": ["fashion", "electronics"]}, "runDate": "2026-11-26"}
            """;

    @TestHTTPResource("/")
    URL base;

    @Inject
    CustomerFactsRepository customers;

    private List<String> storedCustomers = List.of();

    @BeforeEach
    void sampleCampaignsAndStoredCustomers() {
        SampleCampaigns.define();
        // The impact preview evaluates the stored customers: a few hundred include electronics fans.
        storedCustomers =
                TestCustomers.importSynthetic(TestIds.unique("C-BROWSER"), LocalDate.parse("2026-11-26"), 500);
    }

    @AfterEach
    void deleteStoredCustomers() {
        TestCustomers.delete(customers, storedCustomers);
    }

    private static JsonPath decideForTheFan() {
        return TestUsers.as(
                "checkout",
                () -> given().contentType(ContentType.JSON)
                        .body(FAN)
                        .post("/campaigns/black-week-tech/decisions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath());
    }

    @Test
    void anEditorChangesACellInTheBrowserAndTheApproversPublicationIsLiveAtOnce() throws Exception {
        JsonPath before = decideForTheFan();
        assertEquals(15, before.getInt("discountPercent"), before.prettify());
        String liveBefore = before.getString("modelVersion");
        int seqBefore = given().get("/decision-models/black-week-tech")
                .then()
                .statusCode(200)
                .body("liveVersion", equalTo(liveBefore))
                .extract()
                .path("seq");
        // Other test classes may have published and rolled back before: the live version need not be the newest.
        int newestBefore = given()
                .get("/decision-models/black-week-tech/versions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("seq", Integer.class)
                .stream()
                .max(Integer::compare)
                .orElseThrow();

        try {
            JsonPath flow = runEditorFlow();
            int publishedSeq = flow.getInt("publishedSeq");
            String publishedVersion = flow.getString("publishedVersion");
            assertEquals(newestBefore + 1, publishedSeq, "the page published a new version: " + flow.prettify());
            assertTrue(flow.getInt("testsFailed") > 0, "cases that expect 15 % fail with 17 %: " + flow.prettify());
            assertTrue(flow.getInt("impactDiscountChanged") > 0, flow.prettify());

            // What the page showed is what the server holds.
            JsonPath draft = given().get("/decision-models/black-week-tech/drafts/" + flow.getString("draftId"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals("editor", draft.getString("author"));
            assertEquals(publishedSeq, draft.getInt("publishedAs"));
            assertEquals(flow.getInt("testsFailed"), draft.getInt("lastTests.failed"));
            assertEquals(flow.getInt("testsPassed"), draft.getInt("lastTests.passed"));

            // Live without a restart: the same customer now gets 17 % from the published version.
            JsonPath after = decideForTheFan();
            assertEquals(17, after.getInt("discountPercent"), after.prettify());
            assertEquals(publishedVersion, after.getString("modelVersion"));
            given().get("/decision-models/black-week-tech")
                    .then()
                    .statusCode(200)
                    .body("seq", equalTo(publishedSeq))
                    .body("liveVersion", equalTo(publishedVersion));

            // The edit in the editor changed that one cell and nothing else the audit would name.
            JsonPath audit = given().get("/decision-models/black-week-tech/audit")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String published = "find { it.action == 'PUBLISHED' && it.toVersion == '" + publishedVersion + "' }";
            assertEquals("approver", audit.getString(published + ".user"), audit.prettify());
            List<String> changed = audit.getList(published + ".changedRows", String.class);
            assertEquals(1, changed.size(), changed.toString());
            assertTrue(
                    changed.get(0).startsWith("Selection row 6 changed")
                            && changed.get(0).contains("17"),
                    changed.get(0));
        } finally {
            rollBackTo(seqBefore);
        }
        JsonPath restored = decideForTheFan();
        assertEquals(15, restored.getInt("discountPercent"), restored.prettify());
        assertEquals(liveBefore, restored.getString("modelVersion"));
    }

    private JsonPath runEditorFlow() throws IOException, InterruptedException {
        return BrowserScript.run(
                SCRIPT,
                base.toString(),
                SCREENSHOTS,
                List.of(
                        "01-signed-in.png",
                        "02-cell-edited.png",
                        "03-draft-saved.png",
                        "04-regression-cases.png",
                        "05-impact-preview.png",
                        "06-approver-draft-opened.png",
                        "07-published.png"));
    }

    private static void rollBackTo(int seq) {
        int live = given().get("/decision-models/black-week-tech")
                .then()
                .statusCode(200)
                .extract()
                .path("seq");
        if (live != seq) {
            TestUsers.as(
                    "approver",
                    () -> given().contentType(ContentType.JSON)
                            .body("""
                    {"reason": "EditorBrowserTest: back to the version the other tests expect"}
                    """)
                            .post("/decision-models/black-week-tech/versions/" + seq + "/activate")
                            .then()
                            .statusCode(200));
        }
    }
}
