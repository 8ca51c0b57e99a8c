package dev.selektor.decision.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ActingUser("tester")
class DecisionResourceTest {

    private static final String FAN = """
            {"customerId": "C-000123", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
             "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
             "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
             "categories": ["fashion", "electronics"]}
            """;
    /** This test's customer: an id no other test uses. */
    private final String customerId = TestIds.unique("C-DR");

    private final String fan = FAN.replace("C-000123", customerId);

    @org.junit.jupiter.api.BeforeEach
    void defineCampaigns() {
        SampleCampaigns.define();
    }

    private static String body(String customer, String runDate) {
        return "{\"customer\": " + customer + (runDate == null ? "" : ", \"runDate\": \"" + runDate + "\"") + "}";
    }

    @Test
    void answersTheContractsShapeWithMatchedRowAnnotationAndInputs() {
        given().contentType(ContentType.JSON)
                .body(body(fan, "2026-11-26"))
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .body("campaignId", equalTo("black-week-tech"))
                .body("customerId", equalTo(customerId))
                .body("outcome", notNullValue())
                .body("reasonSource", notNullValue())
                .body("modelVersion", matchesPattern("[0-9a-f]{12}"))
                .body("runDate", equalTo("2026-11-26"))
                .body("explanation.policies.name", hasItem("ConsentPolicy"))
                .body("explanation.policies.name", hasItem("FraudPolicy"))
                .body("explanation.matchedRules[0].decision", equalTo("Selection"))
                .body("explanation.matchedRules[0].annotation", not(equalTo("")))
                .body("explanation.inputs.'Run Date'", equalTo("2026-11-26"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"black-week-tech", "winback-180", "vip-thank-you"})
    void everySampleCampaignAnswers(String campaignId) {
        given().contentType(ContentType.JSON)
                .body(body(fan.replace("\"segment\": \"REGULAR\"", "\"segment\": \"VIP\""), "2026-11-26"))
                .when()
                .post("/campaigns/" + campaignId + "/decisions")
                .then()
                .statusCode(200)
                .body("campaignId", equalTo(campaignId))
                .body("modelVersion", matchesPattern("[0-9a-f]{12}"))
                .body("reason", not(equalTo("MODEL_ERROR")));
    }

    @Test
    void policyRejectionIsExplainedAndHasNoDiscount() {
        given().contentType(ContentType.JSON)
                .body(body(fan.replace("\"marketingConsent\": true", "\"marketingConsent\": false"), "2026-11-26"))
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("REJECTED"))
                .body("eligible", equalTo(false))
                .body("discountPercent", equalTo(0))
                .body("reason", equalTo("NO_CONSENT"))
                .body("reasonSource", equalTo("POLICY"))
                .body("explanation.policies.find { it.name == 'ConsentPolicy' }.result", equalTo("REJECTED"));
    }

    @Test
    void sameRequestGivesTheSameAnswer() {
        String first = given().contentType(ContentType.JSON)
                .body(body(fan, "2026-11-26"))
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String second = given().contentType(ContentType.JSON)
                .body(body(fan, "2026-11-26"))
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(first, second);
    }

    @Test
    void runDateDefaultsToTodayInTheBusinessZone() {
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).toString();
        given().contentType(ContentType.JSON)
                .body(body(fan, null))
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .body("runDate", equalTo(today));
    }

    @Test
    void unknownCampaignIs404ProblemJson() {
        given().contentType(ContentType.JSON)
                .body(body(fan, "2026-11-26"))
                .when()
                .post("/campaigns/no-such-campaign/decisions")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("no-such-campaign"));
    }

    @Test
    void missingSegmentIsNamed() {
        badFacts(fan.replace("\"segment\": \"REGULAR\",", ""), "/customer/segment", "is required");
    }

    @Test
    void negativeRevenueIsNamed() {
        badFacts(fan.replace("845.50", "-5"), "/customer/revenue12m", ">= 0");
    }

    @Test
    void returnRateAboveOneIsNamed() {
        badFacts(fan.replace("0.12", "2"), "/customer/returnRate12m", "between 0 and 1");
    }

    @Test
    void stringWhereANumberBelongsIsNotCoerced() {
        badFacts(fan.replace("\"orders12m\": 7", "\"orders12m\": \"7\""), "/customer/orders12m", "whole number");
    }

    @Test
    void lowerCaseCountryAndFutureDatesAreNamed() {
        badFacts(
                fan.replace("\"DE\"", "\"de\"").replace("\"2026-10-30\"", "\"2999-01-01\""),
                "/customer/country",
                "upper case");
        badFacts(fan.replace("\"2026-10-30\"", "\"2999-01-01\""), "/customer/lastOrderDate", "after today");
    }

    @Test
    void everyBadFieldIsListedAtOnce() {
        given().contentType(ContentType.JSON)
                .body(body(
                        fan.replace("\"segment\": \"REGULAR\",", "")
                                .replace("845.50", "-5")
                                .replace("0.12", "2"),
                        "26.11.2026"))
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(4))
                .body("errors.field", hasItem("/runDate"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"customer\": {\"customerId\": \"C-1\",")
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void storedCustomerIsDecidedById() {
        given().contentType(ContentType.JSON)
                .body(fan)
                .put("/customers/" + customerId)
                .then()
                .statusCode(200);
        String byFacts = given().contentType(ContentType.JSON)
                .body(body(fan, "2026-11-26"))
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + customerId + "\", \"runDate\": \"2026-11-26\"}")
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .body(equalTo(byFacts));
    }

    @Test
    void unknownCustomerIdIs404() {
        String nobody = TestIds.unique("C-NOBODY");
        given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + nobody + "\"}")
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(nobody));
    }

    @Test
    void factsAndIdTogetherAreRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + customerId + "\", \"customer\": " + fan + "}")
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("either"));
    }

    @Test
    void missingCustomerIsNamed() {
        given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"2026-11-26\"}")
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("/customer"));
    }

    private static void badFacts(String customer, String field, String messagePart) {
        given().contentType(ContentType.JSON)
                .body(body(customer, "2026-11-26"))
                .when()
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("errors.find { it.field == '" + field + "' }.message", containsString(messagePart));
    }
}
