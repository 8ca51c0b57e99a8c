package dev.selektor.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.selektor.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A draft whose evaluation passes its budget is refused by the cost probe when it is saved, and nothing is stored.
 * The static iteration limit is raised here, so that the probe is what refuses it.
 */
@QuarkusTest
@TestProfile(CostlyDraftTest.StaticLimitRaised.class)
class CostlyDraftTest {

    public static class StaticLimitRaised implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selektor.decision.max-iteration", "100000000");
        }
    }

    @Test
    void aDraftThatPassesTheStaticChecksButIsSlowIsRefusedByTheCostProbe() {
        TestUsers.actAs("editor");
        int before = given().get("/decision-models/black-week-tech/drafts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
        given().contentType(ContentType.XML)
                .body(CostlyDrafts.blackWeekTech())
                .post("/decision-models/black-week-tech/drafts")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("decision \"Selection\""))
                .body("errors[0].message", containsString("evaluation stopped after"))
                .body("errors[0].message", containsString("its budget is"));
        given().get("/decision-models/black-week-tech/drafts")
                .then()
                .statusCode(200)
                .body("$", hasSize(before));
    }
}
