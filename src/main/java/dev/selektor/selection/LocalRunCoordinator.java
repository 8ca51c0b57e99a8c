package dev.selektor.selection;

import dev.selektor.common.SelektorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Local mode: this instance works every unfinished segment of a run on its own worker threads, then completes it.
 * Submitting a run again resumes it from its checkpoints, as a restarted instance does.
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

    private ExecutorService workers;
    private final ExecutorService coordinators = Executors.newCachedThreadPool(daemon("selection-run"));
    private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> abandoned = new ConcurrentHashMap<>();

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

    /** Starts (or resumes) working on a run in the background. */
    public void submit(SelectionRun run) {
        cancelled.putIfAbsent(run.runId(), new AtomicBoolean());
        abandoned.put(run.runId(), new AtomicBoolean());
        coordinators.execute(() -> {
            try {
                lifecycle.prepare(run).ifPresent(this::process);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Selection run %s failed", run.runId());
                lifecycle.fail(run, String.valueOf(e.getMessage()));
            } finally {
                cancelled.remove(run.runId());
                abandoned.remove(run.runId());
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
        return abandoned.containsKey(runId);
    }

    /**
     * Drops this instance's work on a run as a crash would: at the next step, between storing a page's results and
     * writing its checkpoint, and without writing anything more. For crash tests; the run stays RUNNING and is
     * resumed from its checkpoints by {@link #submit}, as a restarted instance does.
     */
    void abandon(String runId) {
        Optional.ofNullable(abandoned.get(runId)).ifPresent(f -> f.set(true));
    }

    private void process(RunWork work) {
        SelectionRun run = work.run();
        AtomicBoolean stop = cancelled.computeIfAbsent(run.runId(), id -> new AtomicBoolean());
        AtomicBoolean crash = abandoned.computeIfAbsent(run.runId(), id -> new AtomicBoolean());
        var stops = new SegmentWorker.Stops(stop::get, crash::get);
        List<Future<?>> segments = new ArrayList<>();
        for (SegmentProgress progress : runs.segments(run.runId())) {
            if (!progress.done()) {
                segments.add(workers().submit(() -> worker.work(work, progress, stops, () -> {})));
            }
        }
        for (Future<?> segment : segments) {
            try {
                segment.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                stop.set(true);
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (crash.get()) {
            return;
        }
        if (stop.get()) {
            lifecycle.cancelled(run);
            return;
        }
        lifecycle.complete(run);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
