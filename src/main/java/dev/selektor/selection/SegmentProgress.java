package dev.selektor.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far one segment of a run has come: the last customer key of the last page whose results are stored, and the
 * counts of everything up to it. Counts move only together with the checkpoint, so a replayed page is never
 * counted twice. The lease tells who works the segment now (none before a worker took it, in queue mode).
 */
public record SegmentProgress(
        String runId,
        int segment,
        Optional<String> lastKey,
        boolean done,
        Counts counts,
        Optional<SegmentLease> lease) {

    public static final int MAX_LISTED_ERRORS = 20;

    public static SegmentProgress start(String runId, int segment, Optional<SegmentLease> lease) {
        return new SegmentProgress(runId, segment, Optional.empty(), false, Counts.ZERO, lease);
    }

    /** The progress after one more page, under the worker's renewed lease. */
    public SegmentProgress next(Optional<String> pageLastKey, Counts page, SegmentLease renewed) {
        return new SegmentProgress(
                runId, segment, pageLastKey, pageLastKey.isEmpty(), counts.plus(page), Optional.of(renewed));
    }

    /**
     * @param selected customers the model selected (before any cap); holdout ones are in heldOut
     * @param rejected rejections by reason (policy codes and the model's own reasons)
     * @param modelErrors the first few customers whose evaluation failed
     */
    public record Counts(
            long processed,
            long selected,
            long heldOut,
            Map<String, Long> rejected,
            List<String> modelErrors,
            Timings timings) {
        public static final Counts ZERO = new Counts(0, 0, 0, Map.of(), List.of(), Timings.ZERO);

        public Counts plus(Counts other) {
            Map<String, Long> byReason = new TreeMap<>(rejected);
            other.rejected.forEach((k, v) -> byReason.merge(k, v, Long::sum));
            List<String> errors = new ArrayList<>(modelErrors);
            for (String id : other.modelErrors) {
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(id);
                }
            }
            return new Counts(
                    processed + other.processed,
                    selected + other.selected,
                    heldOut + other.heldOut,
                    Map.copyOf(byReason),
                    List.copyOf(errors),
                    timings.plus(other.timings));
        }
    }

    /**
     * Where the workers' time went, summed over the pages up to the checkpoint (and over segments working side by
     * side, so the sum can exceed the run's wall time): reading pages, deciding, storing results with their events.
     */
    public record Timings(long scanMillis, long evaluateMillis, long writeMillis) {
        public static final Timings ZERO = new Timings(0, 0, 0);

        public Timings plus(Timings other) {
            return new Timings(
                    scanMillis + other.scanMillis,
                    evaluateMillis + other.evaluateMillis,
                    writeMillis + other.writeMillis);
        }
    }
}
