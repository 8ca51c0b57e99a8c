package dev.selektor.campaign.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ActingUser("tester")
class CampaignResourceTest {
    /** This test's campaign ids start with it. */
    private final String prefix = TestIds.unique("campaign-rt");

    private static final String SPRING = """
            {"name": "Spring fans", "decisionModel": "black-week-tech", "startDate": "2027-03-01",
             "endDate": "2027-03-31", "maxCustomers": 1000, "holdoutPercent": 2.5}
            """;

    @Test
    void putThenGetAndList() {
        String spring = prefix + "-spring-tech";
        given().contentType(ContentType.JSON)
                .body(SPRING)
                .when()
                .put("/campaigns/" + spring)
                .then()
                .statusCode(200)
                .body("campaignId", equalTo(spring));
        given().get("/campaigns/" + spring)
                .then()
                .statusCode(200)
                .body("name", equalTo("Spring fans"))
                .body("decisionModel", equalTo("black-week-tech"))
                .body("startDate", equalTo("2027-03-01"))
                .body("endDate", equalTo("2027-03-31"))
                .body("maxCustomers", equalTo(1000))
                .body("holdoutPercent", equalTo(2.5f));
        SampleCampaigns.define();
        given().get("/campaigns")
                .then()
                .statusCode(200)
                .body("campaignId", hasItems("black-week-tech", spring, "vip-thank-you", "winback-180"));
    }

    @Test
    void optionalSettingsMayBeLeftOut() {
        given().contentType(ContentType.JSON)
                .body(
                        "{\"name\": \"Plain\", \"decisionModel\": \"vip-thank-you\", \"startDate\": \"2027-01-01\", \"endDate\": \"2027-01-01\"}")
                .when()
                .put("/campaigns/" + prefix + "-plain")
                .then()
                .statusCode(200);
        given().get("/campaigns/" + prefix + "-plain")
                .then()
                .statusCode(200)
                .body("maxCustomers", nullValue())
                .body("holdoutPercent", equalTo(0));
    }

    @Test
    void everyBrokenRuleIsNamedAndNothingIsStored() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "Broken", "decisionModel": "no-such-model", "startDate": "2027-03-31",
                         "endDate": "2027-03-01", "maxCustomers": 0, "holdoutPercent": 101}
                        """)
                .when()
                .put("/campaigns/" + prefix + "-broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("/decisionModel", "/endDate", "/maxCustomers", "/holdoutPercent"))
                .body("errors.find { it.field == '/decisionModel' }.message", containsString("no-such-model"));
        given().get("/campaigns/" + prefix + "-broken").then().statusCode(404);
    }

    @Test
    void decisionsUseTheStoredCampaignsSettings() {
        // The same customer in two campaigns on one model: 100 % holdout keeps every selected customer back.
        String allHeldOut = prefix + "-all-held-out";
        String noneHeldOut = prefix + "-none-held-out";
        given().contentType(ContentType.JSON)
                .body(SPRING.replace("2.5", "100"))
                .put("/campaigns/" + allHeldOut)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(SPRING.replace("2.5", "0"))
                .put("/campaigns/" + noneHeldOut)
                .then()
                .statusCode(200);
        String fan = """
                {"customer": {"customerId": "%s", "segment": "REGULAR", "country": "DE", "memberSince": "2019-03-01",
                 "marketingConsent": true, "fraudFlag": false, "orders12m": 7, "revenue12m": 845.50,
                 "returnRate12m": 0.12, "lastOrderDate": "2026-10-30", "categories": ["electronics"]}, "runDate": "2026-11-26"}
                """.formatted(TestIds.unique("C-HOLD"));
        given().contentType(ContentType.JSON)
                .body(fan)
                .post("/campaigns/" + allHeldOut + "/decisions")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("HOLDOUT"))
                .body("campaignId", equalTo(allHeldOut));
        given().contentType(ContentType.JSON)
                .body(fan)
                .post("/campaigns/" + noneHeldOut + "/decisions")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SELECTED"));
    }

    @Test
    void unknownCampaignIs404() {
        String nothingHere = prefix + "-nothing-here";
        given().get("/campaigns/" + nothingHere).then().statusCode(404).contentType("application/problem+json");
        given().get("/campaigns").then().body("campaignId", org.hamcrest.Matchers.not(hasItem(nothingHere)));
    }
}
