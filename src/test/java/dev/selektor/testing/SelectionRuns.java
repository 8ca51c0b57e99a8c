package dev.selektor.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Selection runs started and awaited through the API, as the tests of runs and of their events need them. */
public final class SelectionRuns {
    private SelectionRuns() {}

    /** Starts a run of the campaign; returns its id. */
    public static String start(String campaignId, String runDate) {
        return given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"" + runDate + "\"}")
                .when()
                .post("/campaigns/" + campaignId + "/selections")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
    }

    /** Waits until the run no longer runs, and fails unless it completed; returns its status. */
    public static JsonPath awaitCompletion(String runId, Duration timeout) throws InterruptedException {
        JsonPath[] status = new JsonPath[1];
        Await.until(
                "run " + runId + " to end",
                () -> {
                    status[0] = given().get("/selections/" + runId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return !"RUNNING".equals(status[0].getString("status"));
                },
                timeout,
                () -> status[0] == null ? "" : status[0].prettify());
        assertEquals("COMPLETED", status[0].getString("status"), status[0].prettify());
        return status[0];
    }
}
