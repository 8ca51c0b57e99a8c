package dev.selektor.selection;

import dev.selektor.decision.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A capped run's cut, made once every segment is done: the best {@code max} of the selected keep their result and get
 * their event, the rest become CAPPED. Recomputed from the stored ranks, so a repeated cut gives the same winners.
 */
@ApplicationScoped
class RunCap {

    @Inject
    SelectionResultRepository results;

    @Inject
    ResultStore store;

    /** Memory: one heap of {@code max} ranks. */
    void apply(SelectionRun run, int max) {
        // Worst on top, so that a better candidate replaces it in O(log max).
        PriorityQueue<SelectionResult> best = new PriorityQueue<>(
                Math.min(max, 1 << 16) + 1,
                (a, b) -> CapRank.BEST_FIRST.compare(
                        b.rank().orElseThrow(), a.rank().orElseThrow()));
        results.forEachOfRun(run.runId(), r -> {
            if ((r.outcome() == Outcome.Kind.SELECTED || r.outcome() == Outcome.Kind.CAPPED)
                    && r.rank().isPresent()) {
                best.offer(r);
                if (best.size() > max) {
                    best.poll();
                }
            }
        });
        Set<String> winners = best.stream().map(SelectionResult::customerId).collect(Collectors.toSet());
        // Now that the cut is known, each winner's result is stored again together with its event.
        List<SelectionResult> ranked = new ArrayList<>(best);
        ranked.sort(Comparator.comparing(SelectionResult::customerId));
        store.saveWithEvents(ranked, Runnable::run);
        List<SelectionResult> toCap = new ArrayList<>(SelectionResultRepository.MAX_BATCH);
        results.forEachOfRun(run.runId(), r -> {
            if (r.outcome() == Outcome.Kind.SELECTED && !winners.contains(r.customerId())) {
                toCap.add(r.withOutcome(Outcome.Kind.CAPPED, BigDecimal.ZERO, "CAPPED", Outcome.ReasonSource.POLICY));
                if (toCap.size() == SelectionResultRepository.MAX_BATCH) {
                    results.saveAll(List.copyOf(toCap));
                    toCap.clear();
                }
            }
        });
        if (!toCap.isEmpty()) {
            results.saveAll(toCap);
        }
    }
}
