package dev.selektor.customer.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ActingUser("tester")
class CustomerResourceTest {
    /** This test's customer: an id no other test uses. */
    private final String id = TestIds.unique("C-RT");

    private static final String ANNA = """
            {"customerId": "C-RT-1", "segment": "VIP", "country": "AT", "birthDate": "1975-05-01",
             "memberSince": "2012-01-15", "marketingConsent": true, "fraudFlag": false, "orders12m": 31,
             "revenue12m": 6400.10, "returnRate12m": 0.05, "lastOrderDate": null,
             "categories": ["home", "books"], "favouriteColour": "green"}
            """;

    private String anna() {
        return ANNA.replace("C-RT-1", id);
    }

    @Test
    void putThenGetReturnsTheSameFacts() {
        given().contentType(ContentType.JSON)
                .body(anna())
                .when()
                .put("/customers/" + id)
                .then()
                .statusCode(200);
        given().when()
                .get("/customers/" + id)
                .then()
                .statusCode(200)
                .body("customerId", equalTo(id))
                .body("segment", equalTo("VIP"))
                .body("country", equalTo("AT"))
                .body("birthDate", equalTo("1975-05-01"))
                .body("memberSince", equalTo("2012-01-15"))
                .body("marketingConsent", equalTo(true))
                .body("fraudFlag", equalTo(false))
                .body("orders12m", equalTo(31))
                .body("revenue12m", equalTo(6400.10f))
                .body("returnRate12m", equalTo(0.05f))
                .body("lastOrderDate", nullValue())
                .body("categories", equalTo(java.util.List.of("home", "books")))
                .body("favouriteColour", nullValue());
    }

    @Test
    void putReplacesTheWholeRecord() {
        given().contentType(ContentType.JSON)
                .body(anna())
                .put("/customers/" + id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(anna().replace("\"birthDate\": \"1975-05-01\",", "").replace("\"VIP\"", "\"DORMANT\""))
                .put("/customers/" + id)
                .then()
                .statusCode(200);
        given().get("/customers/" + id)
                .then()
                .statusCode(200)
                .body("segment", equalTo("DORMANT"))
                .body("birthDate", nullValue());
    }

    @Test
    void invalidFactsAre400AndLeaveTheStoredRecordUntouched() {
        given().contentType(ContentType.JSON)
                .body(anna())
                .put("/customers/" + id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(anna().replace("6400.10", "-1"))
                .when()
                .put("/customers/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("/revenue12m"));
        given().get("/customers/" + id).then().statusCode(200).body("revenue12m", equalTo(6400.10f));
    }

    @Test
    void idInBodyMustMatchThePath() {
        String other = TestIds.unique("C-OTHER");
        given().contentType(ContentType.JSON)
                .body(anna())
                .when()
                .put("/customers/" + other)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("/customerId"))
                .body("errors[0].message", containsString("path"));
        given().get("/customers/" + other).then().statusCode(404);
    }

    @Test
    void deleteErasesTheFacts() {
        given().contentType(ContentType.JSON)
                .body(anna())
                .put("/customers/" + id)
                .then()
                .statusCode(200);
        given().when().delete("/customers/" + id).then().statusCode(204);
        given().get("/customers/" + id).then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/customers/" + id).then().statusCode(404);
    }

    @Test
    void badIdInPathIs400() {
        given().get("/customers/not%20valid").then().statusCode(400).body("errors[0].field", equalTo("/customerId"));
    }
}
