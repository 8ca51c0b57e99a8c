package dev.selektor.decision.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Any loaded model, campaign or not, evaluated with ad-hoc inputs typed by the model. */
@QuarkusTest
@ActingUser("checkout")
class ModelEvaluationResourceTest {
    private static final String FAN = """
            {"Customer": {"customerId": "C-000123", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
                          "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
                          "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
                          "categories": ["fashion", "electronics"]},
             "Run Date": "2026-11-26"}
            """;

    @Test
    void aCampaignModelAnswersEveryDecisionForAdHocFacts() {
        given().contentType(ContentType.JSON)
                .body(FAN)
                .post("/decision-models/black-week-tech/evaluate")
                .then()
                .statusCode(200)
                .body("model", equalTo("black-week-tech"))
                .body("decisions.Selection.eligible", equalTo(true))
                .body("decisions.Selection.discountPercent", equalTo(15))
                .body("decisions.Selection.reason", equalTo("Electronics fan"))
                .body("decisions.Priority", equalTo(845.5f))
                .body("failed", equalTo(java.util.Map.of()));
    }

    @Test
    void oneDecisionOnlyWhenAsked() {
        given().contentType(ContentType.JSON)
                .body(FAN)
                .queryParam("decision", "Selection")
                .post("/decision-models/black-week-tech/evaluate")
                .then()
                .statusCode(200)
                .body("decisions", hasKey("Selection"))
                .body("decisions", not(hasKey("Priority")));
        given().contentType(ContentType.JSON)
                .body(FAN)
                .queryParam("decision", "Choice")
                .post("/decision-models/black-week-tech/evaluate")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("decision"))
                .body("errors.message[0]", containsString("Selection"));
    }

    @Test
    void inputsOfTheWrongTypeAreNamedAndNothingIsEvaluated() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"Customer": {"revenue12m": "lots", "categories": "electronics", "lastOrderDate": "30.10.2026"},
                         "Run Date": 20261126, "Weather": "sunny"}
                        """)
                .post("/decision-models/black-week-tech/evaluate")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        contains(
                                "/Customer/revenue12m",
                                "/Customer/categories",
                                "/Customer/lastOrderDate",
                                "/Run Date",
                                "/Weather"))
                .body("errors.find { it.field == '/Customer/revenue12m' }.message", containsString("must be a number"))
                .body("errors.find { it.field == '/Customer/categories' }.message", containsString("must be a list"))
                .body("errors.find { it.field == '/Weather' }.message", containsString("no input \"Weather\""));
        given().contentType(ContentType.JSON)
                .body("[1, 2]")
                .post("/decision-models/black-week-tech/evaluate")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/decision-models/no-such-model/evaluate")
                .then()
                .statusCode(404);
    }

    @Test
    void aModelThatIsNoCampaignLoadsDescribesItsTypesAndEvaluates() {
        given().get("/decision-models/basket-discount")
                .then()
                .statusCode(200)
                .body("campaignModel", equalTo(false))
                .body("inputs.find { it.name == 'Basket Lines' }.type.list", equalTo(true))
                .body("inputs.find { it.name == 'Basket Lines' }.type.base", equalTo("structure"))
                .body("inputs.find { it.name == 'Basket Lines' }.type.components.price.base", equalTo("number"))
                .body(
                        "inputs.find { it.name == 'Segment' }.type.allowedValues",
                        contains("\"NEW\"", "\"REGULAR\"", "\"VIP\"", "\"DORMANT\""))
                .body("decisions.name", hasItem("Basket Discount"))
                // Says why its decisions are the engine's: the compiled tables leave the whole model to it.
                .body("evaluation.campaignDecisions", equalTo("engine: not a campaign model"))
                .body("evaluation.genericEvaluation", equalTo("engine: decision Basket Total is not a decision table"));
        given().get("/decision-models/black-week-tech")
                .then()
                .statusCode(200)
                .body("evaluation.campaignDecisions", equalTo("compiled: Selection, 8 rows, and Priority"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"Basket Lines": [{"category": "electronics", "price": 199.99}, {"category": "fashion", "price": 50}],
                         "Segment": "VIP"}
                        """)
                .post("/decision-models/basket-discount/evaluate")
                .then()
                .statusCode(200)
                .body("decisions.'Basket Total'", equalTo(249.99f))
                .body("decisions.'Basket Discount'", equalTo(10))
                .body("decisions.'Free Shipping'", equalTo(true));
        given().contentType(ContentType.JSON)
                .body("""
                        {"Basket Lines": [{"category": "books", "price": "12"}], "Segment": "VIP"}
                        """)
                .post("/decision-models/basket-discount/evaluate")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("/Basket Lines/0/price"));
        // It cannot drive a campaign.
        TestUsers.actAs("tester");
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "Baskets", "decisionModel": "basket-discount", "startDate": "2026-11-01", "endDate": "2026-11-30"}
                        """)
                .put("/campaigns/" + TestIds.unique("basket-campaign"))
                .then()
                .statusCode(400)
                .body("errors.message[0]", containsString("cannot drive a campaign"));
    }
}
