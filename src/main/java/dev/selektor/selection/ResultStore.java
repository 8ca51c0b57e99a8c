package dev.selektor.selection;

import dev.selektor.decision.Outcome;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.outbox.PendingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's results in the store's batch sizes; a selected customer's result goes into one transaction with
 * its {@code CustomerSelected} event, so that the outbox never holds an event without its result or the reverse.
 */
@ApplicationScoped
class ResultStore {

    @Inject
    SelectionResultRepository results;

    /** Stores a page's results; with {@code withEvents}, the selected ones together with their events. */
    void store(List<SelectionResult> pageResults, boolean withEvents) {
        List<SelectionResult> plain = new ArrayList<>(pageResults.size());
        List<SelectionResult> selected = new ArrayList<>();
        for (SelectionResult r : pageResults) {
            (withEvents && r.outcome() == Outcome.Kind.SELECTED ? selected : plain).add(r);
        }
        saveAll(plain);
        saveWithEvents(selected);
    }

    void saveAll(List<SelectionResult> plain) {
        for (int from = 0; from < plain.size(); from += SelectionResultRepository.MAX_BATCH) {
            results.saveAll(plain.subList(from, Math.min(from + SelectionResultRepository.MAX_BATCH, plain.size())));
        }
    }

    void saveWithEvents(List<SelectionResult> selected) {
        Instant now = Instant.now();
        for (int from = 0; from < selected.size(); from += SelectionResultRepository.MAX_WITH_EVENTS) {
            List<SelectionResult> chunk =
                    selected.subList(from, Math.min(from + SelectionResultRepository.MAX_WITH_EVENTS, selected.size()));
            results.saveWithEvents(
                    chunk, chunk.stream().map(r -> eventOf(r, now)).toList());
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
