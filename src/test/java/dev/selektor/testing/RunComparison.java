package dev.selektor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.common.StoreUnavailableException;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.selection.SelectionResult;
import dev.selektor.selection.SelectionResultRepository;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A run's stored results and published events, and their comparison with another run's. */
public final class RunComparison {
    private RunComparison() {}

    /**
     * Every stored result of the run by customer; fails when a customer has two. Read again when the store is slow
     * to answer (a busy machine), as a person would.
     */
    public static Map<String, SelectionResult> resultsOf(SelectionResultRepository results, String runId) {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, SelectionResult> byCustomer = new HashMap<>();
                results.forEachOfRun(
                        runId, r -> assertTrue(byCustomer.put(r.customerId(), r) == null, "one result per customer"));
                return byCustomer;
            } catch (StoreUnavailableException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The same customers, each with the same outcome, discount and reason. */
    public static void assertSameResults(Map<String, SelectionResult> expected, Map<String, SelectionResult> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same customers, each once");
        expected.forEach((id, r) -> {
            SelectionResult a = actual.get(id);
            assertEquals(r.outcome(), a.outcome(), id);
            assertEquals(0, r.discountPercent().compareTo(a.discountPercent()), id);
            assertEquals(r.reason(), a.reason(), id);
        });
    }

    /** The same counters in the runs' status: replayed pages are not counted twice. */
    public static void assertSameCounts(JsonPath expected, JsonPath actual) {
        for (String counter : List.of("processed", "selected", "heldOut", "capped")) {
            assertEquals(expected.getLong(counter), actual.getLong(counter), counter);
        }
        assertEquals(expected.getMap("rejected"), actual.getMap("rejected"));
    }

    /**
     * What a consumer of the topic holds for a run, after deduplication by event id: exactly one event per selected
     * customer, with the stored discount.
     */
    public static void assertEventsMatchSelected(String runId, Map<String, SelectionResult> byCustomer)
            throws InterruptedException {
        Map<String, SelectionResult> selected = byCustomer.values().stream()
                .filter(r -> r.outcome().name().equals("SELECTED"))
                .collect(Collectors.toMap(r -> CustomerSelected.eventIdOf(runId, r.customerId()), r -> r));
        var received = TopicReader.shared().awaitEvents(runId, selected.keySet(), Duration.ofSeconds(120));
        Map<String, TopicReader.Received> deduped = new HashMap<>();
        received.forEach(r -> deduped.putIfAbsent(r.eventId(), r));
        assertEquals(
                selected.keySet(), deduped.keySet(), "one event per selected customer after dedupe, none for others");
        deduped.forEach((id, r) -> assertEquals(
                0,
                selected.get(id)
                        .discountPercent()
                        .compareTo(r.event().get("discountPercent").decimalValue()),
                id));
    }
}
