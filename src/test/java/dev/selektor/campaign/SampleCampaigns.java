package dev.selektor.campaign;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Defines the sample campaigns of samples/campaigns through the API, as the run command does. */
public final class SampleCampaigns {
    private SampleCampaigns() {}

    public static void define() {
        try (Stream<Path> files = Files.list(Path.of("samples/campaigns"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String id = file.getFileName().toString().replace(".json", "");
                given().contentType(ContentType.JSON)
                        .body(Files.readString(file))
                        .when()
                        .put("/campaigns/" + id)
                        .then()
                        .statusCode(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
