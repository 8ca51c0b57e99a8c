package dev.selektor.selection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Queue mode: works one segment of a run as the segment queue hands it out, from its checkpoint, on whichever
 * instance took it under the segment's lease; the worker that finishes the last segment completes the run.
 */
@ApplicationScoped
public class QueuedSegmentCoordinator {

    @Inject
    RunLifecycle lifecycle;

    @Inject
    SelectionRunRepository runs;

    @Inject
    SegmentWorker worker;

    @Inject
    StoreRetry retry;

    @Inject
    RunActivity activity;

    private final Map<String, RunWork> prepared = new ConcurrentHashMap<>();

    /**
     * {@code stillWorking} runs after every page (to keep the segment's message hidden from other workers).
     *
     * @return whether the segment's message is dealt with: the segment is done, its run no longer runs, or another
     *     worker holds its lease (and {@link LeaseWatch} takes it over should that worker go)
     */
    public boolean processSegment(String runId, int segment, Runnable stillWorking) {
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Optional<SelectionRun> found = retry.call(runId, stop::get, () -> runs.find(runId))
                    .filter(r -> r.status() == SelectionRun.Status.RUNNING);
            if (found.isEmpty()) {
                prepared.remove(runId);
                return true;
            }
            Optional<RunWork> work = Optional.ofNullable(prepared.get(runId))
                    .or(() -> retry.call(runId, stop::get, () -> lifecycle.prepare(found.get())));
            if (work.isEmpty()) {
                return true;
            }
            prepared.put(runId, work.get());
            if (!activity.hold(found.get(), segment)) {
                return true; // a worker of this instance has it (taken over after an expired lease)
            }
            SegmentWorker.End end =
                    worker.workHeld(work.get(), segment, new SegmentWorker.Stops(stop::get, () -> false), () -> {
                        stillWorking.run();
                        if (!lifecycle.stillRunning(runId)) {
                            stop.set(true);
                        }
                    });
            if (end == SegmentWorker.End.FINISHED) {
                retry.run(runId, stop::get, () -> lifecycle.completeIfAllSegmentsDone(runId));
                if (runs.find(runId)
                        .filter(r -> r.status() == SelectionRun.Status.RUNNING)
                        .isEmpty()) {
                    prepared.remove(runId);
                }
            }
            return end != SegmentWorker.End.STOPPED || stop.get();
        } catch (StoreRetry.Stopped e) {
            return false; // the instance shuts down: the message comes back to another worker
        }
    }
}
