package dev.selektor.selection;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Looks, every third of a lease, for unfinished segments of running runs whose lease expired (their worker died,
 * was dropped, or gave up) and has this instance take them over from their checkpoints, so that no run stays
 * RUNNING without progress for longer than a lease. Segments without a lease wait in the queue for their first
 * worker (queue mode) and are left to it, and so are segments a worker of this instance holds (waiting for the
 * store, say, or for a free thread).
 */
@ApplicationScoped
class LeaseWatch {
    private static final Logger LOG = Logger.getLogger(LeaseWatch.class);

    @Inject
    SelektorConfig config;

    @Inject
    SelectionRunRepository runs;

    @Inject
    LocalRunCoordinator coordinator;

    @Inject
    RunActivity activity;

    private final BackgroundLoop loop = new BackgroundLoop("Looking for selection segments whose worker is gone", LOG);
    private volatile boolean stopping;
    private Thread thread;

    void start(@Observes StartupEvent started) {
        if (config.selection().mode() == SelektorConfig.Selection.Mode.QUEUE
                && !config.selection().queueWorker()) {
            return;
        }
        Duration every = config.selection().lease().dividedBy(3);
        Duration pause = every.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : every;
        thread = new Thread(() -> loop.run(() -> stopping, () -> round(pause)), "segment-lease-watch");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private Optional<Duration> round(Duration pause) {
        Instant now = Instant.now();
        for (SelectionRun run : runs.findAll()) {
            if (run.status() != SelectionRun.Status.RUNNING) {
                continue;
            }
            Set<Integer> expired = new TreeSet<>();
            for (SegmentProgress p : runs.segments(run.runId())) {
                if (!p.done()
                        && p.lease().filter(l -> l.expiredAt(now)).isPresent()
                        && !activity.holds(run.runId(), p.segment())) {
                    expired.add(p.segment());
                }
            }
            if (!expired.isEmpty()) {
                LOG.infof(
                        "Selection run %s: taking over segments %s, whose workers' leases expired",
                        run.runId(), expired);
                coordinator.takeOver(run, expired);
            }
        }
        return Optional.of(pause);
    }
}
