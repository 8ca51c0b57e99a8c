package dev.selektor.reach;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.testing.Await;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** The impact preview of a draft, started and awaited through the API. */
final class Impact {
    private Impact() {}

    static JsonPath preview(String model, String draftId, String runDate) throws InterruptedException {
        String location = given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"" + runDate + "\"}")
                .post("/decision-models/" + model + "/drafts/" + draftId + "/impact")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        JsonPath[] report = new JsonPath[1];
        Await.until(
                "the impact preview to end",
                () -> {
                    report[0] = given().get(location)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return !"RUNNING".equals(report[0].getString("status"));
                },
                Duration.ofMinutes(3),
                () -> report[0] == null ? "" : report[0].prettify());
        assertEquals("COMPLETED", report[0].getString("status"), report[0].prettify());
        return report[0];
    }
}
