package dev.selektor.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The sample campaigns of samples/campaigns, defined through the API as the run command does. */
public final class SampleCampaigns {
    private static final Path FOLDER = Path.of("samples/campaigns");

    private SampleCampaigns() {}

    /** Defines every sample campaign under its own id; defining them again changes nothing. */
    public static void define() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String id = file.getFileName().toString().replace(".json", "");
                defineAs(id, id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defines the sample campaign {@code sampleId} under another id, for a test that counts what its campaign does. */
    public static void defineAs(String sampleId, String campaignId) {
        String body = json(sampleId)
                .replace("\"campaignId\": \"" + sampleId + "\"", "\"campaignId\": \"" + campaignId + "\"");
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/campaigns/" + campaignId)
                .then()
                .statusCode(200);
    }

    /** The sample campaign's definition as JSON. */
    public static String json(String sampleId) {
        try {
            return Files.readString(FOLDER.resolve(sampleId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
