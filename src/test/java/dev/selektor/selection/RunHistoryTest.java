package dev.selektor.selection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.Await;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.SelectionRuns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A campaign's runs, newest first, and where each run's events are: what the run pages of the workspace show. */
@QuarkusTest
@ActingUser("editor")
class RunHistoryTest {

    @Inject
    CustomerFactsRepository customers;

    @Test
    void aCampaignsRunsAreListedNewestFirstWithTheirEventsAccountedFor() throws InterruptedException {
        String campaignId = TestIds.unique("history");
        SampleCampaigns.defineAs("black-week-tech", campaignId);
        List<String> ids = TestCustomers.importSynthetic(TestIds.unique("C-HIST"), LocalDate.parse("2026-11-26"), 300);
        try {
            String first = SelectionRuns.start(campaignId, "2026-11-25");
            SelectionRuns.awaitCompletion(first, Duration.ofMinutes(2));
            String second = SelectionRuns.start(campaignId, "2026-11-26");
            JsonPath done = SelectionRuns.awaitCompletion(second, Duration.ofMinutes(2));

            JsonPath history = given().get("/campaigns/" + campaignId + "/selections")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(List.of(second, first), history.getList("runId"), "the campaign's runs, newest first");
            assertEquals(List.of("COMPLETED", "COMPLETED"), history.getList("status"));
            assertEquals(done.getLong("selected"), history.getLong("[0].selected"));

            given().get("/selections?limit=1").then().statusCode(200).body("size()", equalTo(1));
            given().get("/campaigns/" + campaignId + "/selections?limit=0")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("/limit"))
                    .body("errors[0].message", containsString("1..200"));

            long selected = done.getLong("selected");
            assertTrue(selected > 0, "the run selected someone: " + done.prettify());
            JsonPath[] delivery = new JsonPath[1];
            // The relay publishes the run's events to the broker: they leave the outbox and count as published.
            Await.until(
                    "the run's events to leave the outbox",
                    () -> {
                        delivery[0] = given().get("/selections/" + second + "/delivery")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath();
                        return delivery[0].getLong("pending") == 0;
                    },
                    Duration.ofMinutes(1),
                    () -> delivery[0] == null ? "" : delivery[0].prettify());
            assertEquals(selected, delivery[0].getLong("selected"));
            assertEquals(selected, delivery[0].getLong("published"), delivery[0].prettify());
            given().get("/selections/no-such-run/delivery").then().statusCode(404);
        } finally {
            TestCustomers.delete(customers, ids);
        }
    }
}
