package dev.selektor.audience;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Up to when the customer index holds every change of the customers table: while the stream follower is caught up,
 * the time of its last read; while it catches up, the time of the last change it applied.
 */
@ApplicationScoped
public class IndexFreshness {
    private volatile Instant asOf;
    private volatile Instant lastChangeAt;
    private volatile String follower = "not started";

    public Optional<Instant> asOf() {
        return Optional.ofNullable(asOf);
    }

    /** The time of the last change applied (by this instance), if any. */
    public Optional<Instant> lastChangeAt() {
        return Optional.ofNullable(lastChangeAt);
    }

    /** What the stream follower of this instance is doing, in a few words. */
    public String follower() {
        return follower;
    }

    /** Seconds between {@link #asOf} and {@code now}; -1 when nothing is known. */
    public double lagSeconds(Instant now) {
        Instant known = asOf;
        return known == null ? -1 : Math.max(0, Duration.between(known, now).toMillis() / 1000.0);
    }

    void caughtUp(Instant readAt) {
        asOf = readAt;
    }

    void applied(Instant changeAt) {
        lastChangeAt = changeAt;
        if (asOf == null || changeAt.isAfter(asOf)) {
            asOf = changeAt;
        }
    }

    void reported(Optional<Instant> byConsumer) {
        byConsumer.ifPresent(at -> asOf = at);
    }

    void follower(String state) {
        follower = state;
    }
}
