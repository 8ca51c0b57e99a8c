package dev.selektor.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.ExtendDbServer;
import dev.selektor.testing.ExtendDbTestResource;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The store goes away during requests and comes back: callers get 503 quickly, then everything works again. */
@QuarkusTest
@ActingUser("tester")
class StoreOutageTest {

    private static final String FACTS = """
            {"customerId": "%s", "segment": "NEW", "country": "FR", "memberSince": "2026-01-10",
             "marketingConsent": true, "fraudFlag": false, "orders12m": 1, "revenue12m": 20,
             "returnRate12m": 0, "lastOrderDate": "2026-02-01", "categories": []}
            """;

    @Test
    void answers503WithinFiveSecondsWhileTheStoreIsDownAndRecoversWithNothingLost() {
        String prefix = TestIds.unique("C-OUT");
        String one = prefix + "-1";
        String two = prefix + "-2";
        String three = prefix + "-3";
        SampleCampaigns.define();
        given().contentType(ContentType.JSON)
                .body(FACTS.formatted(one))
                .put("/customers/" + one)
                .then()
                .statusCode(200);
        ExtendDbServer server = ExtendDbTestResource.server();
        server.stop();
        try {
            assertUnavailable(given().get("/customers/" + one));
            assertUnavailable(given().contentType(ContentType.JSON)
                    .body(FACTS.formatted(two))
                    .put("/customers/" + two));
            assertUnavailable(given().contentType(ContentType.JSON)
                    .body("{\"customerId\": \"" + one + "\"}")
                    .post("/campaigns/black-week-tech/decisions"));
            byte[] oneLine = (FACTS.formatted(three).replace("\n", " ") + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertUnavailable(
                    given().contentType("application/x-ndjson").body(oneLine).post("/customers/import"));
            assertUnavailable(given().get("/campaigns"));
        } finally {
            server.start();
        }
        given().get("/customers/" + one).then().statusCode(200).body("country", equalTo("FR"));
        given().get("/customers/" + two).then().statusCode(404);
        given().get("/customers/" + three).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(FACTS.formatted(two))
                .put("/customers/" + two)
                .then()
                .statusCode(200);
        given().get("/customers/" + two).then().statusCode(200);
    }

    private static void assertUnavailable(Response response) {
        long millis = response.getTimeIn(java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(503, response.statusCode(), response.asString());
        assertEquals("application/problem+json", response.contentType());
        assertTrue(millis < 5_000, "answered after " + millis + " ms; callers must not wait longer than 5 s");
    }
}
