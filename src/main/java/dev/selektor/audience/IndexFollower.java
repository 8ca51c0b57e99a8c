package dev.selektor.audience;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerChanges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the customer index in step with the customers table by reading its change stream, not by writing twice:
 * an import, an erasure or a fact update reaches the index however it reached the table. One instance follows at a
 * time (a lease); the others take over when it stops renewing.
 */
@ApplicationScoped
public class IndexFollower {
    private static final Logger LOG = Logger.getLogger(IndexFollower.class);
    private static final Duration RENEW = Duration.ofSeconds(5);
    /** A breath between two batches while catching up, so that the store's writers are not kept waiting. */
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(50);

    @Inject
    CustomerChanges changes;

    @Inject
    AudienceIndex index;

    @Inject
    IndexFreshness freshness;

    @Inject
    SelektorConfig config;

    @Inject
    MeterRegistry metrics;

    private volatile boolean stopping;
    private Thread thread;
    private Instant renewedAt = Instant.EPOCH;
    private volatile boolean leading;
    private boolean built;

    void start(@Observes StartupEvent startup) {
        Gauge.builder("selektor.audience.index.lag", freshness, f -> f.lagSeconds(Instant.now()))
                .description("Seconds by which the customer index trails the customers table (-1: unknown)")
                .baseUnit("seconds")
                .register(metrics);
        if (config.opensearch().url().isEmpty() || !config.opensearch().followStream()) {
            freshness.follower("off");
            return;
        }
        thread = new Thread(this::follow, "customer-index-follower");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
                if (leading) {
                    changes.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debug("The stream lease is left to expire: " + e.getMessage());
            }
        }
    }

    private void follow() {
        Duration pause = config.opensearch().followPause();
        new BackgroundLoop("Following the customers table into the customer index", LOG)
                .run(() -> stopping, () -> round(pause));
    }

    private Optional<Duration> round(Duration pause) {
        Instant now = Instant.now();
        if (Duration.between(renewedAt, now).compareTo(RENEW) >= 0 || !leading) {
            leading = changes.claim(freshness.asOf().orElse(Instant.EPOCH));
            renewedAt = now;
            if (!leading) {
                freshness.reported(changes.asOf());
                freshness.follower("another instance follows the stream");
                return Optional.of(RENEW);
            }
        }
        if (!built) {
            freshness.follower("building the index");
            index.ensureBuilt();
            built = true;
        }
        CustomerChanges.Batch batch = changes.next(config.opensearch().bulkSize());
        if (!batch.changes().isEmpty()) {
            index.apply(batch.changes());
            changes.commit(batch);
            freshness.applied(batch.changes().get(batch.changes().size() - 1).at());
            freshness.follower("catching up");
            return Optional.of(BETWEEN_BATCHES);
        }
        changes.commit(batch);
        if (batch.caughtUp()) {
            freshness.caughtUp(now);
            freshness.follower("following");
            return Optional.of(pause);
        }
        return BackgroundLoop.AT_ONCE;
    }
}
