package dev.selektor.selection;

import dev.selektor.common.SelektorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Works segments of a run on this instance's worker threads: every unfinished one it can take when a run is
 * submitted (local mode), or those whose lease expired when {@link LeaseWatch} hands them over (either mode). The
 * worker that finishes the last segment completes the run. Submitting a run again resumes it from its checkpoints,
 * as a restarted instance does.
 */
@ApplicationScoped
public class LocalRunCoordinator {
    private static final Logger LOG = Logger.getLogger(LocalRunCoordinator.class);

    @Inject
    SelektorConfig config;

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

    private ExecutorService workers;
    private final ExecutorService coordinators = Executors.newCachedThreadPool(daemon("selection-run"));
    private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    /** The crash flag of each piece of work going on here, by run. */
    private final Map<String, Set<AtomicBoolean>> working = new ConcurrentHashMap<>();

    private synchronized ExecutorService workers() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(config.selection().workers(), daemon("selection-segment"));
        }
        return workers;
    }

    @PreDestroy
    void stop() {
        coordinators.shutdownNow();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Starts (or resumes) working on every segment of a run this instance can take, in the background. */
    public void submit(SelectionRun run) {
        holdAndStart(run, IntStream.range(0, run.segments()).boxed().toList());
    }

    /** Takes over segments of a run whose workers' leases expired. */
    void takeOver(SelectionRun run, Set<Integer> segments) {
        holdAndStart(run, segments);
    }

    /**
     * The segments count as held here from now on, before the run's work is prepared (which reads the store and
     * may take a while), so that a look for expired leases leaves them alone meanwhile.
     */
    private void holdAndStart(SelectionRun run, Collection<Integer> segments) {
        Set<Integer> held = ConcurrentHashMap.newKeySet();
        segments.stream().filter(s -> activity.hold(run, s)).forEach(held::add);
        if (!held.isEmpty()) {
            start(run, held);
        }
    }

    /** @param held the segments held for this work and not yet handed to a worker, released at the end */
    private void start(SelectionRun run, Set<Integer> held) {
        AtomicBoolean stop = cancelled.computeIfAbsent(run.runId(), id -> new AtomicBoolean());
        AtomicBoolean crash = new AtomicBoolean();
        AtomicBoolean endedElsewhere = new AtomicBoolean();
        working.computeIfAbsent(run.runId(), id -> ConcurrentHashMap.newKeySet())
                .add(crash);
        var stops = new SegmentWorker.Stops(() -> stop.get() || endedElsewhere.get(), crash::get);
        coordinators.execute(() -> {
            try {
                retry.call(run.runId(), stops::any, () -> lifecycle.prepare(run))
                        .ifPresent(work -> process(work, held, stops, endedElsewhere));
            } catch (StoreRetry.Stopped e) {
                LOG.infof("Selection run %s: stopped while waiting for the store", run.runId());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Selection run %s failed", run.runId());
                lifecycle.fail(run, String.valueOf(e.getMessage()));
            } finally {
                held.forEach(s -> activity.release(run.runId(), s));
                working.computeIfPresent(run.runId(), (id, flags) -> {
                    flags.remove(crash);
                    if (flags.isEmpty()) {
                        cancelled.remove(id);
                        return null;
                    }
                    return flags;
                });
            }
        });
    }

    /** Asks a run that this instance works on to stop after its current pages. */
    public boolean cancel(String runId) {
        Optional<AtomicBoolean> flag = Optional.ofNullable(cancelled.get(runId));
        flag.ifPresent(f -> f.set(true));
        return flag.isPresent();
    }

    /** Whether this instance is working on the run right now. */
    public boolean isWorkingOn(String runId) {
        return working.containsKey(runId);
    }

    /**
     * Drops this instance's work on a run as a crash would: at the next step, between storing a page's results and
     * writing its checkpoint, and without writing anything more. For crash tests; the run stays RUNNING and is
     * resumed from its checkpoints by {@link #submit}, as a restarted instance does, or taken over by
     * {@link LeaseWatch} once the leases expire.
     */
    void abandon(String runId) {
        working.getOrDefault(runId, Set.of()).forEach(f -> f.set(true));
    }

    private void process(RunWork work, Set<Integer> held, SegmentWorker.Stops stops, AtomicBoolean endedElsewhere) {
        SelectionRun run = work.run();
        String runId = run.runId();
        List<SegmentProgress> all = retry.call(runId, stops::any, () -> runs.segments(runId));
        List<Future<SegmentWorker.End>> segments = new ArrayList<>();
        for (SegmentProgress progress : all) {
            int segment = progress.segment();
            if (!held.remove(segment)) {
                continue;
            }
            if (progress.done()) {
                activity.release(runId, segment);
                continue;
            }
            // The lease is taken when a worker thread is free, so that it does not run out while the segment waits
            // for one.
            segments.add(
                    workers().submit(() -> worker.workHeld(work, segment, stops, watchStatus(runId, endedElsewhere))));
        }
        all.stream().filter(p -> !activity.holds(runId, p.segment())).forEach(activity::seen);
        for (Future<SegmentWorker.End> segment : segments) {
            try {
                segment.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                cancelled.computeIfPresent(runId, (id, f) -> {
                    f.set(true);
                    return f;
                });
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (stops.crashed().getAsBoolean() || endedElsewhere.get()) {
            return;
        }
        if (stops.cancelled().getAsBoolean()) {
            lifecycle.cancelled(run);
            return;
        }
        retry.run(runId, stops::any, () -> lifecycle.completeIfAllSegmentsDone(runId));
    }

    /**
     * Reads the run's status now and then (a third of the lease), so that work taken over here stops when the run
     * was cancelled or failed through another instance.
     */
    private Runnable watchStatus(String runId, AtomicBoolean endedElsewhere) {
        long every = config.selection().lease().toNanos() / 3;
        long[] next = {System.nanoTime() + every};
        return () -> {
            if (System.nanoTime() < next[0]) {
                return;
            }
            next[0] = System.nanoTime() + every;
            if (!lifecycle.stillRunning(runId)) {
                endedElsewhere.set(true);
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
