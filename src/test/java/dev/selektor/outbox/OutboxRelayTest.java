package dev.selektor.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.selection.SelectionResult;
import dev.selektor.selection.SelectionResultRepository;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.Await;
import dev.selektor.testing.KafkaTestResource;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.SelectionRuns;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The outbox relay against a real broker that goes away and comes back while events are being published. */
@QuarkusTest
@ActingUser("tester")
class OutboxRelayTest {

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

    @Inject
    CustomerFactsRepository customers;

    @Test
    void everyEventArrivesAlthoughTheBrokerRestartsWhileTheRelayPublishes() throws Exception {
        String prefix = TestIds.unique("C-OUTBOX");
        List<String> own = TestCustomers.importSelectionCustomers(prefix, LocalDate.parse(RUN_DATE));
        try {
            everyEventArrives(prefix);
        } finally {
            // A run goes over every stored customer: later tests' runs need not go over these.
            TestCustomers.delete(customers, own);
        }
    }

    private void everyEventArrives(String prefix) throws Exception {
        String campaign = TestIds.unique("winback-outbox-test");
        SampleCampaigns.define();
        given().contentType(ContentType.JSON)
                .body("""
                {"name": "Win-back, outbox test", "decisionModel": "winback-180", "startDate": "2026-11-01",
                 "endDate": "2026-12-31"}
                """)
                .put("/campaigns/" + campaign)
                .then()
                .statusCode(200);
        TopicReader consumer = TopicReader.shared();
        String run = SelectionRuns.start(campaign, RUN_DATE);

        consumer.awaitRun(run, received -> !received.isEmpty(), Duration.ofSeconds(120));
        PendingEvent waiting;
        KafkaTestResource.broker().stop();
        try {
            // One of this run's events, for one of this test's customers (a run also selects other tests' customers).
            AtomicReference<PendingEvent> ours = new AtomicReference<>();
            Await.until(
                    "the relay to notice the broker is gone while events of the run wait",
                    () -> {
                        if (outboxStatus().get("failingSince") == null
                                || outboxStatus().getLong("pendingEvents") == 0) {
                            return false;
                        }
                        outbox.pending(100_000).stream()
                                .filter(e -> e.customerId().startsWith(prefix + "-")
                                        && e.eventId().equals(CustomerSelected.eventIdOf(run, e.customerId())))
                                .findFirst()
                                .ifPresent(ours::set);
                        return ours.get() != null;
                    },
                    Duration.ofSeconds(90),
                    () -> "outbox: " + outboxStatus().prettify());
            // Erasure reaches events that have not been sent.
            waiting = ours.get();
            given().delete("/customers/" + waiting.customerId()).then().statusCode(204);
            assertTrue(
                    outbox.pending(100_000).stream()
                            .noneMatch(e -> e.customerId().equals(waiting.customerId())),
                    "the erased customer's unsent events are gone from the outbox");
        } finally {
            KafkaTestResource.broker().start();
        }
        SelectionRuns.awaitCompletion(run, Duration.ofSeconds(300));
        Await.until(
                "the outbox to drain",
                () -> outboxStatus().getLong("pendingEvents") == 0,
                Duration.ofSeconds(180),
                () -> "outbox: " + outboxStatus().prettify());

        Map<String, SelectionResult> selected = new HashMap<>();
        results.forEachOfRun(run, r -> {
            if (r.outcome().name().equals("SELECTED")) {
                selected.put(CustomerSelected.eventIdOf(run, r.customerId()), r);
            }
        });
        assertTrue(
                selected.size() > 100,
                "the run must select enough customers to publish for a while: " + selected.size());
        List<TopicReader.Received> received = consumer.awaitEvents(run, selected.keySet(), Duration.ofSeconds(60));
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
            assertEquals(campaign, event.get("campaignId").asText());
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
}
