package dev.selektor.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.campaign.Campaign;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.Outcome;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.policy.ContactPressure;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drafts are validated, tested, published by someone else, and rolled back; every act needs its role. */
@QuarkusTest
@ActingUser("tester")
class DecisionModelGovernanceTest {
    private static final String FAN_DISCOUNT =
            "<outputEntry id=\"_bwt_r6_discountPercent\">\n          <text>15</text>";
    private static final String CUSTOMER = """
            {"customer": {"customerId": "C-GOV-1", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
             "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
             "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
             "categories": ["fashion", "electronics"]}, "runDate": "2026-11-26"}
            """;

    /** A model name no other test uses, for drafts that must be refused. */
    private final String rejectedName = TestIds.unique("governance-rejected");

    @BeforeEach
    void defineTheSampleCampaigns() {
        SampleCampaigns.define();
    }

    private static String blackWeekTech() {
        try {
            return Files.readString(Path.of("dmn/black-week-tech.dmn"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample model under another name, so that drafts of it touch no model other tests use. */
    private static String renamed(String name) {
        return blackWeekTech().replace("name=\"black-week-tech\"", "name=\"" + name + "\"");
    }

    private static ValidatableResponse saveDraft(String user, String name, String xml) {
        return TestUsers.as(
                user,
                () -> given().contentType(ContentType.XML)
                        .body(xml.getBytes(StandardCharsets.UTF_8))
                        .post("/decision-models/" + name + "/drafts")
                        .then());
    }

    private void assertRejected(String xml, String... inMessage) {
        String name = rejectedName;
        JsonPath problem = saveDraft("editor", name, xml)
                .statusCode(422)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();
        String text = problem.getString("detail") + " " + problem.getList("errors.message");
        for (String part : inMessage) {
            assertTrue(text.contains(part), "expected \"" + part + "\" in: " + text);
        }
        given().get("/decision-models/" + name + "/drafts")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void invalidDraftsAreRefusedWith422NamingTheProblemAndNothingIsStored() {
        String ok = renamed(rejectedName);
        assertRejected(ok.replace("<text>[500..2000)</text>", "<text>[500..</text>"), "Selection");
        // The broken cell is named by decision, row and column, for the page to point at.
        saveDraft("editor", rejectedName, ok.replace("<text>[500..2000)</text>", "<text>[500..</text>"))
                .statusCode(422)
                .body("errors.find { it.row == 6 }.decision", equalTo("Selection"))
                .body("errors.find { it.row == 6 }.column", equalTo("Revenue (12 months, EUR)"));
        assertRejected(
                ok.replace(
                        "<text>Customer.revenue12m</text>\n    </literalExpression>",
                        "<text>function(x) external {java: {class: \"java.lang.System\", method signature: \"exit(int)\"}}</text>\n    </literalExpression>"),
                "external functions");
        assertRejected(
                ok.replace(
                        "<text>(Run Date - Customer.lastOrderDate).days</text>",
                        "<text>(today() - Customer.lastOrderDate).days</text>"),
                "today()");
        assertRejected(
                ok.replaceFirst("\\?>", "?><!DOCTYPE definitions [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>")
                        .replace("name=\"" + rejectedName + "\"", "name=\"" + rejectedName + " &leak;\""),
                "DOCTYPE");
        assertRejected(ok.replace("name=\"Selection\"", "name=\"Choice\""), "Selection");
        assertRejected(blackWeekTech(), "named \"black-week-tech\"");

        // Over the model limit (2 MB) and over the request limit (10 MB): 413, nothing stored.
        String padding = "<!--" + "x".repeat(2 * 1024 * 1024) + "-->";
        saveDraft("editor", rejectedName, ok.replace("</definitions>", padding + "</definitions>"))
                .statusCode(413)
                .contentType("application/problem+json");
        saveDraft("editor", rejectedName, ok.replace("</definitions>", padding.repeat(5) + "</definitions>"))
                .statusCode(413);
        given().get("/decision-models/" + rejectedName + "/drafts")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void writesNeedTheirRole() {
        given().auth()
                .none()
                .contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"decisionModel\": \"winback-180\", "
                        + "\"startDate\": \"2026-11-01\", \"endDate\": \"2026-11-30\"}")
                .put("/campaigns/unauthenticated")
                .then()
                .statusCode(401);
        given().auth().none().get("/campaigns").then().statusCode(401);
        TestUsers.actAs("viewer");
        given().get("/campaigns").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"decisionModel\": \"winback-180\", "
                        + "\"startDate\": \"2026-11-01\", \"endDate\": \"2026-11-30\"}")
                .put("/campaigns/by-a-viewer")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().delete("/customers/C-000000001").then().statusCode(403);
        given().contentType(ContentType.XML)
                .body(renamed("by-a-viewer"))
                .post("/decision-models/by-a-viewer/drafts")
                .then()
                .statusCode(403);
        TestUsers.actAs("checkout");
        given().contentType(ContentType.JSON)
                .body(CUSTOMER)
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"2026-11-26\"}")
                .post("/campaigns/black-week-tech/selections")
                .then()
                .statusCode(403);
        TestUsers.actAs("editor");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/decision-models/black-week-tech/versions/1/activate")
                .then()
                .statusCode(403);
        given().get("/campaigns/" + TestIds.unique("nobody")).then().statusCode(404);
    }

    @Test
    void aDraftIsTestedPublishedByAnotherPersonLiveAtOnceAndRolledBack() {
        String rollBackReason = "back to the tested version (" + TestIds.unique("governance") + ")";
        JsonPath before = given().contentType(ContentType.JSON)
                .body(CUSTOMER)
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .body("discountPercent", equalTo(15))
                .extract()
                .jsonPath();
        String liveBefore = before.getString("modelVersion");
        int seqBefore = given().get("/decision-models/black-week-tech")
                .then()
                .statusCode(200)
                .body("liveVersion", equalTo(liveBefore))
                .extract()
                .path("seq");
        // Other tests may have published and rolled back before: the live version need not be the newest.
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

        String edited = blackWeekTech().replace(FAN_DISCOUNT, FAN_DISCOUNT.replace(">15<", ">17<"));
        assertTrue(!edited.equals(blackWeekTech()), "the test edits a cell of the sample model");
        String draftId = saveDraft("lead", "black-week-tech", edited)
                .statusCode(201)
                .body("author", equalTo("lead"))
                .body("baseVersion", equalTo(liveBefore))
                .extract()
                .path("draftId");

        // The draft's regression run shows the cases that expected 15 % failing, with expected and actual.
        JsonPath tests = given().post("/decision-models/black-week-tech/drafts/" + draftId + "/tests")
                .then()
                .statusCode(200)
                .body("failed", greaterThan(0))
                .extract()
                .jsonPath();
        List<String> failedExpected = tests.getList("cases.findAll { !it.passed }.expected", String.class);
        assertTrue(failedExpected.stream().allMatch(e -> e.startsWith("SELECTED 15")), failedExpected.toString());
        assertTrue(tests.getList("cases.findAll { !it.passed }.actual", String.class).stream()
                .allMatch(a -> a.startsWith("SELECTED 17")));
        given().get("/decision-models/black-week-tech/drafts/" + draftId)
                .then()
                .statusCode(200)
                .body("lastTests.failed", equalTo(tests.getInt("failed")));

        // Four eyes: its author may not publish it, even with the approver role.
        TestUsers.actAs("lead");
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"mine\"}")
                .post("/decision-models/black-week-tech/drafts/" + draftId + "/publish")
                .then()
                .statusCode(403)
                .body("detail", containsString("Four eyes"));
        TestUsers.actAs("approver");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/decision-models/black-week-tech/drafts/" + draftId + "/publish")
                .then()
                .statusCode(409)
                .body("detail", containsString("regression cases fail"));
        try {
            given().contentType(ContentType.JSON)
                    .body("{\"reason\": \"Black Week push: fans get 17 %, cases follow\"}")
                    .post("/decision-models/black-week-tech/drafts/" + draftId + "/publish")
                    .then()
                    .statusCode(200)
                    .body("seq", equalTo(newestBefore + 1));

            // Live at once, without a restart.
            TestUsers.actAs("tester");
            String liveAfter = given().contentType(ContentType.JSON)
                    .body(CUSTOMER)
                    .post("/campaigns/black-week-tech/decisions")
                    .then()
                    .statusCode(200)
                    .body("discountPercent", equalTo(17))
                    .extract()
                    .path("modelVersion");
            given().get("/decision-models/black-week-tech/dmn?version=" + (newestBefore + 1))
                    .then()
                    .statusCode(200)
                    .body(containsString("<text>17</text>"));
            JsonPath audit = given().get("/decision-models/black-week-tech/audit")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> actions = audit.getList("action", String.class);
            assertTrue(actions.containsAll(List.of("DRAFT_SAVED", "PUBLISHED")), actions.toString());
            // The audit holds other tests' publications of this model too: this one is the publication of this draft.
            String published = "find { it.action == 'PUBLISHED' && it.draftId == '" + draftId + "' }";
            assertEquals("approver", audit.getString(published + ".user"), audit.prettify());
            assertEquals(liveBefore, audit.getString(published + ".fromVersion"));
            assertEquals(liveAfter, audit.getString(published + ".toVersion"));
            assertEquals("Black Week push: fans get 17 %, cases follow", audit.getString(published + ".reason"));
            assertTrue(
                    audit.getList(published + ".changedRows", String.class).stream()
                            .anyMatch(row -> row.startsWith("Selection row 6 changed") && row.contains("17")),
                    audit.prettify());
        } finally {
            TestUsers.as(
                    "approver",
                    () -> given().contentType(ContentType.JSON)
                            .body("{\"reason\": \"" + rollBackReason + "\"}")
                            .post("/decision-models/black-week-tech/versions/" + seqBefore + "/activate")
                            .then()
                            .statusCode(200));
            TestUsers.actAs("tester");
        }
        given().contentType(ContentType.JSON)
                .body(CUSTOMER)
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .body("discountPercent", equalTo(15))
                .body("modelVersion", equalTo(liveBefore));
        given().get("/decision-models/black-week-tech/audit")
                .then()
                .body("find { it.reason == '" + rollBackReason + "' }.action", equalTo("ACTIVATED"));
        given().get("/decision-models/black-week-tech/versions")
                .then()
                .statusCode(200)
                .body("find { it.live }.seq", equalTo(seqBefore));
    }

    @Inject
    CustomerFactsRepository customers;

    @Inject
    DecisionModelRegistry registry;

    @Test
    void theImpactPreviewCountsWhatEvaluatingBothVersionsDirectlyCounts() throws InterruptedException {
        List<String> own =
                TestCustomers.importSynthetic(TestIds.unique("C-GOV"), LocalDate.parse("2026-11-26"), 10_000);
        try {
            assertThePreviewCountsWhatEvaluatingBothVersionsDirectlyCounts();
        } finally {
            TestCustomers.delete(customers, own);
        }
    }

    /** The preview and the direct evaluation both go over every stored customer: this test's 10,000 and any others. */
    private void assertThePreviewCountsWhatEvaluatingBothVersionsDirectlyCounts() throws InterruptedException {
        // Buyers from 100 EUR on get 10 % (some enter); fans get 17 % instead of 15 %, and from 300 EUR on (discounts
        // change).
        String edited = blackWeekTech()
                .replace("<text>[500..2000)</text>", "<text>[300..2000)</text>")
                .replace("<text>[200..2000)</text>", "<text>[100..2000)</text>")
                .replace(FAN_DISCOUNT, FAN_DISCOUNT.replace(">15<", ">17<"));
        String draftId = saveDraft("editor", "black-week-tech", edited)
                .statusCode(201)
                .extract()
                .path("draftId");
        String location = given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"2026-11-26\"}")
                .post("/decision-models/black-week-tech/drafts/" + draftId + "/impact")
                .then()
                .statusCode(202)
                .body("status", equalTo("RUNNING"))
                .extract()
                .header("Location");
        JsonPath report;
        long deadline = System.currentTimeMillis() + 180_000;
        do {
            Thread.sleep(200);
            report = given().get(location).then().statusCode(200).extract().jsonPath();
            assertTrue(System.currentTimeMillis() < deadline, "the preview did not finish: " + report.prettify());
        } while ("RUNNING".equals(report.getString("status")));
        assertEquals("COMPLETED", report.getString("status"), report.prettify());

        // The same comparison, computed here from the stored customers and both models.
        DecisionModel live = registry.find("black-week-tech").orElseThrow();
        DecisionModel draft =
                new DecisionModelCompiler().compile("draft", edited.getBytes(StandardCharsets.UTF_8), true);
        CampaignDecider decider = new CampaignDecider(registry.policies());
        Campaign campaign = Campaign.forModel("black-week-tech", 0);
        LocalDate runDate = LocalDate.parse("2026-11-26");
        Map<String, Long> expected = new TreeMap<>();
        long processed = 0;
        Optional<String> after = Optional.empty();
        do {
            var page = customers.scanSegment(0, 1, after, 500);
            for (CustomerFacts facts : page.customers()) {
                processed++;
                var before = decider.decide(campaign, live, facts, runDate, ContactPressure.noHistory())
                        .outcome();
                var now = decider.decide(campaign, draft, facts, runDate, ContactPressure.noHistory())
                        .outcome();
                boolean was = before.kind() == Outcome.Kind.SELECTED;
                boolean is = now.kind() == Outcome.Kind.SELECTED;
                expected.merge("selectedLive", was ? 1L : 0L, Long::sum);
                expected.merge("selectedDraft", is ? 1L : 0L, Long::sum);
                String change = is && !was
                        ? "entering"
                        : was && !is
                                ? "leaving"
                                : is && before.discountPercent().compareTo(now.discountPercent()) != 0
                                        ? "discountChanged"
                                        : null;
                if (change != null) {
                    expected.merge(change, 1L, Long::sum);
                }
            }
            after = page.lastKey();
        } while (after.isPresent());
        assertTrue(processed >= 10_000, "at least 10,000 stored customers: " + processed);
        assertEquals(processed, report.getLong("processed"));
        for (String figure : List.of("selectedLive", "selectedDraft", "entering", "leaving", "discountChanged")) {
            assertEquals(expected.getOrDefault(figure, 0L), report.getLong(figure), figure + ": " + report.prettify());
        }
        assertTrue(report.getLong("entering") > 0 && report.getLong("discountChanged") > 0, report.prettify());
        long grouped = report.getList("groups.customers", Long.class).stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(
                report.getLong("entering") + report.getLong("leaving") + report.getLong("discountChanged"), grouped);
        assertTrue(report.getList("groups.find { it.change == 'DISCOUNT_CHANGED' }.sampleCustomerIds")
                        .size()
                > 0);
        assertEquals(6, report.getInt("groups.find { it.change == 'DISCOUNT_CHANGED' }.row"));
    }
}
