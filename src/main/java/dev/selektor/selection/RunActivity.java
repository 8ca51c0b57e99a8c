package dev.selektor.selection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows of the runs it works on, in memory: the segments it holds, the run and its checkpoints
 * as last read or written here (so that its status can be told while the store is away), and whether its workers
 * wait for the store. Forgotten when this instance holds no segment of the run any more.
 */
@ApplicationScoped
public class RunActivity {

    /** Since when the run's store calls fail for a passing reason, how often they were tried again, the last error. */
    public record StoreWait(Instant since, long retries, String lastError) {}

    /** The run and its checkpoints as this instance last saw them. */
    public record Known(SelectionRun run, List<SegmentProgress> segments) {}

    private final Map<String, Set<Integer>> held = new ConcurrentHashMap<>();
    private final Map<String, SelectionRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, SegmentProgress>> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, StoreWait> waits = new ConcurrentHashMap<>();

    /** @return false when a worker of this instance holds the segment already */
    boolean hold(SelectionRun run, int segment) {
        runs.put(run.runId(), run);
        return held.computeIfAbsent(run.runId(), id -> ConcurrentHashMap.newKeySet())
                .add(segment);
    }

    boolean holds(String runId, int segment) {
        return held.getOrDefault(runId, Set.of()).contains(segment);
    }

    void release(String runId, int segment) {
        held.computeIfPresent(runId, (id, segments) -> {
            segments.remove(segment);
            if (!segments.isEmpty()) {
                return segments;
            }
            runs.remove(id);
            checkpoints.remove(id);
            waits.remove(id);
            return null;
        });
    }

    /** Remembers a checkpoint of a run this instance holds a segment of (others are not remembered). */
    void seen(SegmentProgress progress) {
        if (!held.containsKey(progress.runId())) {
            return;
        }
        checkpoints
                .computeIfAbsent(progress.runId(), id -> new ConcurrentHashMap<>())
                .put(progress.segment(), progress);
    }

    /** @return whether the run was not waiting before */
    boolean storeFailed(String runId, String error) {
        StoreWait before = waits.get(runId);
        waits.merge(
                runId,
                new StoreWait(Instant.now(), 0, error),
                (old, now) -> new StoreWait(old.since(), old.retries() + 1, error));
        return before == null;
    }

    /** @return whether the run was waiting */
    boolean storeAnswered(String runId) {
        return waits.remove(runId) != null;
    }

    public Optional<StoreWait> waiting(String runId) {
        return Optional.ofNullable(waits.get(runId));
    }

    public Optional<Known> known(String runId) {
        return Optional.ofNullable(runs.get(runId))
                .map(run ->
                        new Known(run, List.copyOf(new TreeMap<>(checkpoints.getOrDefault(runId, Map.of())).values())));
    }
}
