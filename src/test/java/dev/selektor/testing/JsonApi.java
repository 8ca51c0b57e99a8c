package dev.selektor.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A JSON question to the API that must be answered 200, as the tests of the index's answers ask them. */
public final class JsonApi {
    private JsonApi() {}

    public static JsonPath post(String path, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
