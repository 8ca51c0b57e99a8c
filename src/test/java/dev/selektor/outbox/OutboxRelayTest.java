package dev.selektor.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.campaign.SampleCampaigns;
import dev.selektor.customer.TestCustomers;
import dev.selektor.selection.SelectionResult;
import dev.selektor.selection.SelectionResultRepository;
import dev.selektor.testing.KafkaTestResource;
import dev.selektor.testing.TestUsers;
import dev.selektor.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The outbox relay against a real broker that goes away and comes back while events are being published. */
@QuarkusTest
class OutboxRelayTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsTester() {
        TestUsers.actAs("tester");
    }

    private static final String RUN_DATE = "2026-11-26";
    private static final Set<String> SCHEMA_V1_FIELDS = Set.of(
            "type",
            "schemaVersion",
            "eventId",
            "occurredAt",
            "campaignId",
            "runId",
            "runDate",
            "customerId",
            "discountPercent",
            "reason",
            "modelVersion");

    @Inject
    OutboxRepository outbox;

    @Inject
    SelectionResultRepository results;

    @Test
    void everyEventArrivesAlthoughTheBrokerRestartsWhileTheRelayPublishes() throws Exception {
        TestCustomers.importSelectionCustomers(LocalDate.parse(RUN_DATE));
        SampleCampaigns.define();
        given().contentType(ContentType.JSON)
                .body("""
                {"name": "Win-back, outbox test", "decisionModel": "winback-180", "startDate": "2026-11-01",
                 "endDate": "2026-12-31"}
                """)
                .put("/campaigns/winback-outbox-test")
                .then()
                .statusCode(200);
        TopicReader consumer = TopicReader.shared();
        String run = given().contentType(ContentType.JSON)
                .body("{\"runDate\": \"" + RUN_DATE + "\"}")
                .post("/campaigns/winback-outbox-test/selections")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");

        consumer.awaitRun(run, received -> !received.isEmpty(), Duration.ofSeconds(120));
        PendingEvent waiting;
        KafkaTestResource.broker().stop();
        try {
            await(
                    "the relay to notice the broker is gone while events wait",
                    () -> outboxStatus().get("failingSince") != null
                            && outboxStatus().getLong("pendingEvents") > 0,
                    Duration.ofSeconds(90));
            // Erasure reaches events that have not been sent.
            waiting = outbox.pending(1).get(0);
            given().delete("/customers/" + waiting.customerId()).then().statusCode(204);
            assertTrue(
                    outbox.pending(100_000).stream()
                            .noneMatch(e -> e.customerId().equals(waiting.customerId())),
                    "the erased customer's unsent events are gone from the outbox");
        } finally {
            KafkaTestResource.broker().start();
        }
        await(
                "the run to complete",
                () -> !"RUNNING"
                        .equals(given().get("/selections/" + run)
                                .then()
                                .extract()
                                .path("status")),
                Duration.ofSeconds(300));
        await("the outbox to drain", () -> outboxStatus().getLong("pendingEvents") == 0, Duration.ofSeconds(180));

        Map<String, SelectionResult> selected = new HashMap<>();
        results.forEachOfRun(run, r -> {
            if (r.outcome().name().equals("SELECTED")) {
                selected.put(CustomerSelected.eventIdOf(run, r.customerId()), r);
            }
        });
        assertTrue(
                selected.size() > 100,
                "the run must select enough customers to publish for a while: " + selected.size());
        List<TopicReader.Received> received = consumer.awaitRun(
                run,
                all -> all.stream()
                        .map(TopicReader.Received::eventId)
                        .collect(Collectors.toSet())
                        .containsAll(selected.keySet()),
                Duration.ofSeconds(60));
        Set<String> distinct = new HashSet<>();
        for (TopicReader.Received r : received) {
            distinct.add(r.eventId());
            var event = r.event();
            assertEquals(SCHEMA_V1_FIELDS, iterableToSet(event.fieldNames()));
            assertEquals("CustomerSelected", event.get("type").asText());
            assertEquals(1, event.get("schemaVersion").asInt());
            String customer = event.get("customerId").asText();
            assertEquals(customer, r.key(), "keyed by customer id");
            assertEquals(r.eventId(), r.eventIdHeader());
            assertEquals(
                    CustomerSelected.eventIdOf(run, customer), r.eventId(), "the id derives from run and customer");
            SelectionResult result = selected.get(r.eventId());
            if (result == null) {
                // Only the erased customer's event may have been on its way to the broker when they were erased.
                assertEquals(waiting.customerId(), customer);
                continue;
            }
            assertEquals(
                    0,
                    result.discountPercent()
                            .compareTo(event.get("discountPercent").decimalValue()),
                    customer);
            assertEquals(result.reason(), event.get("reason").asText());
            assertEquals(result.modelVersion(), event.get("modelVersion").asText());
            assertEquals("winback-outbox-test", event.get("campaignId").asText());
            assertEquals(RUN_DATE, event.get("runDate").asText());
        }
        distinct.remove(CustomerSelected.eventIdOf(run, waiting.customerId()));
        assertEquals(selected.keySet(), distinct, "every selected customer's event arrived, and no other");
        JsonPath status = outboxStatus();
        assertNotNull(status.get("lastPublishedAt"));
        assertNull(status.get("failingSince"), "the relay recovered: " + status.prettify());
        JsonPath page = given().get("/selections/" + run + "/customers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                CustomerSelected.eventIdOf(run, page.getString("items[0].customerId")),
                page.getString("items[0].eventId"),
                "a selected customer's result names its event");
    }

    private static Set<String> iterableToSet(java.util.Iterator<String> names) {
        Set<String> set = new HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private static JsonPath outboxStatus() {
        return given().get("/outbox").then().statusCode(200).extract().jsonPath();
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for " + what + "; outbox: "
                        + outboxStatus().prettify());
            }
            Thread.sleep(200);
        }
    }
}
