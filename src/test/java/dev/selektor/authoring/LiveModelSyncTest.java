package dev.selektor.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.decision.model.ModelVersion;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A version published by another instance goes live here within seconds and without a restart: the other
 * instance is played by writing to the shared store exactly what its publish writes, without telling this one.
 */
@QuarkusTest
class LiveModelSyncTest {
    private static final String FAN_DISCOUNT =
            "<outputEntry id=\"_bwt_r6_discountPercent\">\n          <text>15</text>";
    private static final String FAN = """
            {"customer": {"customerId": "C-SYNC-1", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
             "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
             "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
             "categories": ["fashion", "electronics"]}, "runDate": "2026-11-26"}
            """;

    @Inject
    ModelStore store;

    private static int discountForTheFan() {
        return given().contentType(ContentType.JSON)
                .body(FAN)
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .extract()
                .path("discountPercent");
    }

    @Test
    @ActingUser("tester")
    void aVersionPublishedByAnotherInstanceIsLiveHereWithinSeconds() throws InterruptedException {
        SampleCampaigns.define();
        assertEquals(15, discountForTheFan());
        LiveVersion live = store.live("black-week-tech").orElseThrow();
        String xml = store.version("black-week-tech", live.seq()).orElseThrow().xml();
        assertTrue(xml.contains(FAN_DISCOUNT), "the live version gives fans 15 %");
        byte[] edited =
                xml.replace(FAN_DISCOUNT, FAN_DISCOUNT.replace(">15<", ">19<")).getBytes(StandardCharsets.UTF_8);
        int seq = store.versions("black-week-tech").stream()
                        .mapToInt(PublishedVersion::seq)
                        .max()
                        .orElseThrow()
                + 1;
        Instant now = Instant.now();
        String version = ModelVersion.of(edited);
        assertTrue(store.publish(
                new PublishedVersion(
                        "black-week-tech",
                        seq,
                        version,
                        "editor2",
                        now,
                        "another instance",
                        Optional.of("sync test"),
                        edited),
                Optional.of(live.seq()),
                new AuditEntry(
                        "black-week-tech",
                        now,
                        "PUBLISHED",
                        "approver",
                        Optional.of(live.version()),
                        Optional.of(version),
                        Optional.empty(),
                        List.of("Selection row 6 changed"),
                        Optional.of("sync test"))));
        try {
            long deadline = System.currentTimeMillis() + 15_000;
            int discount;
            while ((discount = discountForTheFan()) != 19 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(19, discount, "the version made live elsewhere answers here within the refresh interval");
            given().get("/decision-models/black-week-tech")
                    .then()
                    .statusCode(200)
                    .body("seq", equalTo(seq))
                    .body("liveVersion", equalTo(version));
        } finally {
            TestUsers.as(
                    "approver",
                    () -> given().contentType(ContentType.JSON)
                            .body("{\"reason\": \"back after the sync test\"}")
                            .post("/decision-models/black-week-tech/versions/" + live.seq() + "/activate")
                            .then()
                            .statusCode(200));
        }
        assertEquals(15, discountForTheFan());
    }
}
