package dev.selektor.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger(EditorBrowserTest.class);
    private static final Path SCRIPT = Path.of("src/test/browser/editor-flow.mjs");
    private static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    // The script stops itself after 5 minutes; this is the backstop should node itself hang.
    private static final long SCRIPT_TIMEOUT_MINUTES = 7;
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
        requireBrowserTools();
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

    /** CI installs node, Chromium and playwright-core (.ci/run): a missing one is a broken machine, not a skip. */
    private static void requireBrowserTools() {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium package");
        assertTrue(
                Files.isDirectory(Path.of("node_modules/playwright-core")),
                "node_modules/playwright-core is missing: run npm ci");
        try {
            Process node = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(
                    node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0, "node --version failed: " + version);
        } catch (IOException e) {
            fail("node is not installed (it runs the browser script): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking node");
        }
    }

    /** Runs the browser script against this test's server; its output goes to the test log. */
    private JsonPath runEditorFlow() throws IOException, InterruptedException {
        // Screenshots of an earlier run must not pass for this one's.
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path file : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                    Files.delete(file);
                }
            }
        }
        Process process = new ProcessBuilder("node", SCRIPT.toString(), base.toString(), SCREENSHOTS.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        AtomicReference<String> result = new AtomicReference<>();
        Thread forward = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            LOG.info("[browser] " + line);
                            if (line.startsWith("{")) {
                                result.set(line);
                            }
                        }
                    } catch (IOException e) {
                        LOG.warn("reading the browser script's output failed", e);
                    }
                },
                "editor-flow-output");
        forward.start();
        if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the browser script did not finish within " + SCRIPT_TIMEOUT_MINUTES + " minutes; see " + SCREENSHOTS);
        }
        forward.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(
                0,
                process.exitValue(),
                "the browser script failed (its output is in the log above, " + "its screenshots in "
                        + SCREENSHOTS.toAbsolutePath() + ")");
        assertNotNull(result.get(), "the browser script printed no JSON result");
        for (String shot : List.of(
                "01-signed-in.png",
                "02-cell-edited.png",
                "03-draft-saved.png",
                "04-regression-cases.png",
                "05-impact-preview.png",
                "06-approver-draft-opened.png",
                "07-published.png")) {
            Path file = SCREENSHOTS.resolve(shot);
            assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, "no screenshot " + file);
        }
        return JsonPath.from(result.get());
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
