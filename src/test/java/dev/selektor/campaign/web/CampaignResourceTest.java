package dev.selektor.campaign.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.selektor.campaign.SampleCampaigns;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsTester() {
        TestUsers.actAs("tester");
    }

    private static final String SPRING = """
            {"name": "Spring fans", "decisionModel": "black-week-tech", "startDate": "2027-03-01",
             "endDate": "2027-03-31", "maxCustomers": 1000, "holdoutPercent": 2.5}
            """;

    @Test
    void putThenGetAndList() {
        given().contentType(ContentType.JSON)
                .body(SPRING)
                .when()
                .put("/campaigns/spring-tech")
                .then()
                .statusCode(200)
                .body("campaignId", equalTo("spring-tech"));
        given().get("/campaigns/spring-tech")
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
                .body("campaignId", hasItems("black-week-tech", "spring-tech", "vip-thank-you", "winback-180"));
    }

    @Test
    void optionalSettingsMayBeLeftOut() {
        given().contentType(ContentType.JSON)
                .body(
                        "{\"name\": \"Plain\", \"decisionModel\": \"vip-thank-you\", \"startDate\": \"2027-01-01\", \"endDate\": \"2027-01-01\"}")
                .when()
                .put("/campaigns/plain")
                .then()
                .statusCode(200);
        given().get("/campaigns/plain")
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
                .put("/campaigns/broken")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("/decisionModel", "/endDate", "/maxCustomers", "/holdoutPercent"))
                .body("errors.find { it.field == '/decisionModel' }.message", containsString("no-such-model"));
        given().get("/campaigns/broken").then().statusCode(404);
    }

    @Test
    void decisionsUseTheStoredCampaignsSettings() {
        // The same customer in two campaigns on one model: 100 % holdout keeps every selected customer back.
        given().contentType(ContentType.JSON)
                .body(SPRING.replace("2.5", "100"))
                .put("/campaigns/all-held-out")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(SPRING.replace("2.5", "0"))
                .put("/campaigns/none-held-out")
                .then()
                .statusCode(200);
        String fan = """
                {"customer": {"customerId": "C-HOLD", "segment": "REGULAR", "country": "DE", "memberSince": "2019-03-01",
                 "marketingConsent": true, "fraudFlag": false, "orders12m": 7, "revenue12m": 845.50,
                 "returnRate12m": 0.12, "lastOrderDate": "2026-10-30", "categories": ["electronics"]}, "runDate": "2026-11-26"}
                """;
        given().contentType(ContentType.JSON)
                .body(fan)
                .post("/campaigns/all-held-out/decisions")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("HOLDOUT"))
                .body("campaignId", equalTo("all-held-out"));
        given().contentType(ContentType.JSON)
                .body(fan)
                .post("/campaigns/none-held-out/decisions")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SELECTED"));
    }

    @Test
    void unknownCampaignIs404() {
        given().get("/campaigns/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().get("/campaigns").then().body("campaignId", org.hamcrest.Matchers.not(hasItem("nothing-here")));
    }
}
