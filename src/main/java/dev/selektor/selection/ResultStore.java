package dev.selektor.selection;

import dev.selektor.decision.Outcome;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.outbox.PendingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a run's results in the store's batch sizes; a selected customer's result goes into one transaction with
 * its {@code CustomerSelected} event, so that the outbox never holds an event without its result or the reverse.
 */
@ApplicationScoped
class ResultStore {

    @Inject
    SelectionResultRepository results;

    /**
     * Stores a page's results; with {@code withEvents}, the selected ones together with their events.
     * {@code eachBatch} makes every batch's write, so that a write that has to be tried again is that batch alone
     * (an event written again would be published again).
     */
    void store(List<SelectionResult> pageResults, boolean withEvents, Consumer<Runnable> eachBatch) {
        List<SelectionResult> plain = new ArrayList<>(pageResults.size());
        List<SelectionResult> selected = new ArrayList<>();
        for (SelectionResult r : pageResults) {
            (withEvents && r.outcome() == Outcome.Kind.SELECTED ? selected : plain).add(r);
        }
        for (int from = 0; from < plain.size(); from += SelectionResultRepository.MAX_BATCH) {
            List<SelectionResult> batch =
                    plain.subList(from, Math.min(from + SelectionResultRepository.MAX_BATCH, plain.size()));
            eachBatch.accept(() -> results.saveAll(batch));
        }
        saveWithEvents(selected, eachBatch);
    }

    void saveWithEvents(List<SelectionResult> selected, Consumer<Runnable> eachBatch) {
        Instant now = Instant.now();
        for (int from = 0; from < selected.size(); from += SelectionResultRepository.MAX_WITH_EVENTS) {
            List<SelectionResult> chunk =
                    selected.subList(from, Math.min(from + SelectionResultRepository.MAX_WITH_EVENTS, selected.size()));
            eachBatch.accept(() -> results.saveWithEvents(
                    chunk, chunk.stream().map(r -> eventOf(r, now)).toList()));
        }
    }

    static PendingEvent eventOf(SelectionResult r, Instant now) {
        return PendingEvent.of(CustomerSelected.of(
                r.campaignId(),
                r.runId(),
                r.runDate(),
                r.customerId(),
                r.discountPercent(),
                r.reason(),
                r.modelVersion(),
                now));
    }
}
