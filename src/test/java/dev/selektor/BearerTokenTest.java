package dev.selektor;

import static io.restassured.RestAssured.given;

import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The production way in: a bearer token from the identity provider, its roles in the "groups" claim. The test
 * profile trusts a test-only key pair; production configures the provider's key and issuer instead.
 */
@QuarkusTest
class BearerTokenTest {
    private static final String ISSUER = "https://identity.selektor.test";
    private static final String CAMPAIGN = """
            {"name": "Token test", "decisionModel": "winback-180", "startDate": "2026-11-01", "endDate": "2026-11-30"}
            """;

    private static String token(String user, Set<String> groups) {
        return Jwt.issuer(ISSUER).upn(user).groups(groups).expiresIn(300).sign();
    }

    @Test
    void rolesComeFromTheTokensGroups() {
        String campaign = "/campaigns/" + TestIds.unique("token-test");
        String viewer = token("vera", Set.of("viewer"));
        given().auth().oauth2(viewer).get("/campaigns").then().statusCode(200);
        given().auth()
                .oauth2(viewer)
                .contentType(ContentType.JSON)
                .body(CAMPAIGN)
                .put(campaign)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token("erik", Set.of("editor")))
                .contentType(ContentType.JSON)
                .body(CAMPAIGN)
                .put(campaign)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token("erik", Set.of("editor")))
                .get("/me")
                .then()
                .statusCode(200)
                .body("user", org.hamcrest.Matchers.equalTo("erik"));
    }

    @Test
    void aTokenFromAnotherIssuerOrExpiredIsRefused() {
        String foreign = Jwt.issuer("https://somewhere.else")
                .upn("mallory")
                .groups(Set.of("approver"))
                .expiresIn(300)
                .sign();
        given().auth().oauth2(foreign).get("/campaigns").then().statusCode(401);
        String expired = Jwt.issuer(ISSUER)
                .upn("late")
                .groups(Set.of("viewer"))
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
        given().auth().oauth2(expired).get("/campaigns").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/campaigns").then().statusCode(401);
    }
}
