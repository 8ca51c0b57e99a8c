package dev.selektor.selection.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.selection.RunActivity;
import dev.selektor.selection.SegmentProgress;
import dev.selektor.selection.SelectionRun;
import dev.selektor.selection.SelectionService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A run's progress as JSON (contract section 6, with the counts by reason and an estimate of the time left); while
 * its workers wait for the store, since when, how many retries so far and the last error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelectionRunView(
        String runId,
        String campaignId,
        String status,
        long processed,
        long selected,
        long heldOut,
        long capped,
        Map<String, Long> rejected,
        long modelErrors,
        List<String> modelErrorCustomers,
        Instant startedAt,
        Instant finishedAt,
        String modelVersion,
        LocalDate runDate,
        int segmentsDone,
        int segments,
        long estimatedCustomers,
        Long estimatedSecondsLeft,
        Timings workerTime,
        String failure,
        Instant waitingForStoreSince,
        Long storeRetries,
        String lastStoreError) {

    /** Seconds the workers spent reading pages, deciding and writing (summed over workers running side by side). */
    public record Timings(double scanSeconds, double evaluateSeconds, double writeSeconds) {
        static Timings of(SegmentProgress.Timings t) {
            return new Timings(t.scanMillis() / 1000.0, t.evaluateMillis() / 1000.0, t.writeMillis() / 1000.0);
        }
    }

    static SelectionRunView of(SelectionService.RunStatus status, Instant now) {
        var wait = status.waitingForStore();
        return of(
                status.run(),
                status.segments(),
                now,
                wait.map(RunActivity.StoreWait::since).orElse(null),
                wait.map(RunActivity.StoreWait::retries).orElse(null),
                wait.map(RunActivity.StoreWait::lastError).orElse(null));
    }

    private static SelectionRunView of(
            SelectionRun run,
            List<SegmentProgress> segments,
            Instant now,
            Instant waitingSince,
            Long retries,
            String lastError) {
        SegmentProgress.Counts total = SegmentProgress.Counts.ZERO;
        int done = 0;
        for (SegmentProgress s : segments) {
            total = total.plus(s.counts());
            done += s.done() ? 1 : 0;
        }
        long eligible = total.selected();
        boolean cut = run.status() == SelectionRun.Status.COMPLETED
                && run.maxCustomers().isPresent();
        long selected = cut ? Math.min(eligible, run.maxCustomers().get()) : eligible;
        Long secondsLeft = null;
        // Without a usable estimate of the table's size (DynamoDB refreshes it only every few hours), say nothing.
        if (run.status() == SelectionRun.Status.RUNNING
                && total.processed() > 0
                && run.estimatedCustomers() > total.processed()) {
            double elapsed = Math.max(1, Duration.between(run.startedAt(), now).toMillis()) / 1000.0;
            long left = Math.max(0, run.estimatedCustomers() - total.processed());
            secondsLeft = Math.round(left / (total.processed() / elapsed));
        }
        return new SelectionRunView(
                run.runId(),
                run.campaignId(),
                run.status().name(),
                total.processed(),
                selected,
                total.heldOut(),
                eligible - selected,
                total.rejected(),
                total.rejected().getOrDefault("MODEL_ERROR", 0L),
                total.modelErrors(),
                run.startedAt(),
                run.finishedAt().orElse(null),
                run.modelVersion(),
                run.runDate(),
                done,
                run.segments(),
                run.estimatedCustomers(),
                secondsLeft,
                Timings.of(total.timings()),
                run.failure().orElse(null),
                waitingSince,
                retries,
                lastError);
    }
}
