package dev.selektor.selection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Queue mode: works one segment of a run as the segment queue hands it out, from its checkpoint, on whichever
 * instance took it; the worker that finishes the last segment completes the run.
 */
@ApplicationScoped
public class QueuedSegmentCoordinator {

    @Inject
    RunLifecycle lifecycle;

    @Inject
    SelectionRunRepository runs;

    @Inject
    SegmentWorker worker;

    private final Map<String, RunWork> prepared = new ConcurrentHashMap<>();

    /**
     * {@code stillWorking} runs after every page (to keep the segment's message hidden from other workers).
     *
     * @return whether the segment's message is dealt with: the segment is done, or its run no longer runs
     */
    public boolean processSegment(String runId, int segment, Runnable stillWorking) {
        Optional<SelectionRun> found = runs.find(runId).filter(r -> r.status() == SelectionRun.Status.RUNNING);
        if (found.isEmpty()) {
            prepared.remove(runId);
            return true;
        }
        Optional<RunWork> work = Optional.ofNullable(prepared.get(runId)).or(() -> lifecycle.prepare(found.get()));
        if (work.isEmpty()) {
            return true;
        }
        prepared.put(runId, work.get());
        Optional<SegmentProgress> progress = runs.segments(runId).stream()
                .filter(p -> p.segment() == segment)
                .findFirst();
        if (progress.isEmpty()) {
            return true;
        }
        AtomicBoolean stop = new AtomicBoolean();
        if (!progress.get().done()) {
            worker.work(work.get(), progress.get(), new SegmentWorker.Stops(stop::get, () -> false), () -> {
                stillWorking.run();
                // Cancelled (or finished) elsewhere: another instance took the DELETE.
                if (runs.find(runId)
                        .map(r -> r.status() != SelectionRun.Status.RUNNING)
                        .orElse(true)) {
                    stop.set(true);
                }
            });
        }
        if (!stop.get()) {
            completeIfAllSegmentsDone(runId);
        }
        return true;
    }

    /** Any worker that finishes a segment may be the last; completing twice does the same thing twice. */
    private void completeIfAllSegmentsDone(String runId) {
        if (!runs.segments(runId).stream().allMatch(SegmentProgress::done)) {
            return;
        }
        Optional<SelectionRun> current = runs.find(runId).filter(r -> r.status() == SelectionRun.Status.RUNNING);
        if (current.isPresent()) {
            lifecycle.complete(current.get());
            prepared.remove(runId);
        }
    }
}
