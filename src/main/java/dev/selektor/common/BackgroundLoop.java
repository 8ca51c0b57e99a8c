package dev.selektor.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The loop of a background worker (relay, consumers, model refresh): runs a round again and again until stopped.
 * While rounds fail (the store or the broker away) it waits, doubling the pause up to a limit, logs the failure once
 * and the recovery once, and tells since when it fails, so that an outage neither spins a core nor floods the log.
 */
public final class BackgroundLoop implements BackgroundWorks.Work {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /** @return the pause before the next round ({@link Duration#ZERO} for none), or empty to end the loop */
        Optional<Duration> run();
    }

    /** A round's answer: the next round at once. */
    public static final Optional<Duration> AT_ONCE = Optional.of(Duration.ZERO);

    /** A round's answer: the loop ends. */
    public static final Optional<Duration> END = Optional.empty();

    /** The loop has been failing since {@code since}; {@code error} is the latest reason. */
    public record Failure(Instant since, String error) {}

    private final String what;
    private final Logger log;
    private final Duration firstPause;
    private final Duration longestPause;
    private volatile Optional<Failure> failing = Optional.empty();

    /** @param what the work, for the log: "Taking fact updates from SQS" */
    public BackgroundLoop(String what, Logger log) {
        this(what, log, FIRST_PAUSE, LONGEST_PAUSE);
    }

    public BackgroundLoop(String what, Logger log, Duration firstPause, Duration longestPause) {
        this.what = what;
        this.log = log;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    @Override
    public String what() {
        return what;
    }

    /** Since when and why the rounds fail; empty while they work. */
    @Override
    public Optional<Failure> failing() {
        return failing;
    }

    /** Runs rounds until {@code stopping} says so, a round ends the loop, or the thread is interrupted. */
    public void run(BooleanSupplier stopping, Round round) {
        BackgroundWorks.started(this);
        try {
            loop(stopping, round);
        } finally {
            BackgroundWorks.ended(this);
        }
    }

    private void loop(BooleanSupplier stopping, Round round) {
        Duration backoff = firstPause;
        while (!stopping.getAsBoolean()) {
            Duration pause;
            try {
                Optional<Duration> next = round.run();
                if (next.isEmpty()) {
                    return;
                }
                pause = next.get();
                failing.ifPresent(f -> log.infof("%s works again after failing since %s", what, f.since()));
                failing = Optional.empty();
                backoff = firstPause;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (failing.isEmpty()) {
                    log.warnf("%s failed, retrying: %s", what, e.getMessage());
                }
                failing = Optional.of(
                        new Failure(failing.map(Failure::since).orElse(Instant.now()), String.valueOf(e.getMessage())));
                pause = backoff;
                backoff = backoff.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : backoff.multipliedBy(2);
            }
            if (!pause.isZero() && !sleep(pause)) {
                return;
            }
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
