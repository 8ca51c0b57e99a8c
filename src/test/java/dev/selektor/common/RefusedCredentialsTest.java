package dev.selektor.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every refusal of who is asking reads as problem+json, so that a page can show it in words. */
@QuarkusTest
class RefusedCredentialsTest {

    @Test
    void aWrongPasswordIsRefusedWithAProblemThatSaysSo() {
        given().auth()
                .preemptive()
                .basic("editor", "not-the-password")
                .get("/campaigns")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("status", equalTo(401))
                .body("title", equalTo("Not authenticated"))
                .body("detail", containsString("credentials were not accepted"));
    }

    @Test
    void anUnknownUserAndAMalformedTokenAreRefusedLikewise() {
        given().auth()
                .preemptive()
                .basic("nobody", "nothing")
                .get("/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("credentials were not accepted"));
        given().auth()
                .oauth2("not-a-token")
                .get("/campaigns")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void noCredentialsAtAllAreRefusedWithTheSameShape() {
        given().auth()
                .none()
                .get("/campaigns")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("title", equalTo("Not authenticated"));
    }
}
