package dev.selektor.outbox;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Moves events from the outbox to the broker: read a batch, publish it, wait for the acknowledgements, mark the
 * acknowledged ones sent. Nothing is marked before the broker has it, so a broker outage or a crash of this process
 * only delays events; a crash between the acknowledgement and the marking publishes them once more, under the same
 * event id (at-least-once: consumers dedupe by {@code eventId}).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    @Inject
    SelektorConfig config;

    @Inject
    OutboxRepository outbox;

    @Inject
    EventPublisher publisher;

    private volatile Thread thread;
    private volatile BackgroundLoop loop;
    private volatile boolean stopping;
    private final AtomicLong published = new AtomicLong();
    private volatile Optional<Instant> lastPublishedAt = Optional.empty();

    /** What the relay is doing, for {@code GET /outbox}. */
    public record Status(
            boolean running,
            long publishedSinceStart,
            Optional<Instant> lastPublishedAt,
            Optional<BackgroundLoop.Failure> failing) {}

    void start(@Observes StartupEvent started) {
        if (!config.outbox().relayEnabled()) {
            LOG.info("The outbox relay is switched off in this instance (selektor.outbox.relay-enabled=false)");
            return;
        }
        loop = new BackgroundLoop(
                "Publishing the outbox's events (they wait there meanwhile)",
                LOG,
                FIRST_BACKOFF,
                config.outbox().maxBackoff());
        Thread t = new Thread(this::loop, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Status status() {
        Thread t = thread;
        return new Status(
                t != null && t.isAlive(),
                published.get(),
                lastPublishedAt,
                loop == null ? Optional.empty() : loop.failing());
    }

    private void loop() {
        loop.run(
                () -> stopping,
                () -> Optional.of(relayOnce() == 0 ? config.outbox().pollInterval() : Duration.ZERO));
    }

    /**
     * One round: publishes up to a batch of pending events.
     *
     * @return how many events were published
     * @throws PublishFailedException if the broker did not take all of them (those it took are marked sent)
     */
    int relayOnce() {
        List<PendingEvent> batch = outbox.pending(config.outbox().batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> acknowledged = publisher.publish(batch);
        if (!acknowledged.isEmpty()) {
            outbox.markSent(acknowledged);
            published.addAndGet(acknowledged.size());
            lastPublishedAt = Optional.of(Instant.now());
        }
        if (acknowledged.size() < batch.size()) {
            throw new PublishFailedException(
                    (batch.size() - acknowledged.size()) + " of " + batch.size()
                            + " events were not acknowledged by Kafka",
                    null);
        }
        return batch.size();
    }
}
