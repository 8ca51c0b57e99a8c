package dev.selektor.common;

import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The loop of a background consumer: runs a step again and again until stopped; while the step fails (the queue or
 * the store away), waits 250 ms, doubling up to 10 s, and logs the failure once and the recovery once, so that an
 * outage neither spins a core nor floods the log.
 */
public final class RetryLoop {
    private static final long FIRST_PAUSE_MS = 250;
    private static final long LONGEST_PAUSE_MS = 10_000;

    /** One round of work. */
    @FunctionalInterface
    public interface Step {
        /** @return false to end the loop for good */
        boolean run();
    }

    private RetryLoop() {
    }

    /** @param what the work, for the log: "Taking fact updates from SQS" */
    public static void run(String what, Logger log, BooleanSupplier stopping, Step step) {
        long pause = FIRST_PAUSE_MS;
        boolean failing = false;
        while (!stopping.getAsBoolean()) {
            try {
                if (!step.run()) {
                    return;
                }
                if (failing) {
                    log.info(what + " works again");
                    failing = false;
                }
                pause = FIRST_PAUSE_MS;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (!failing) {
                    log.warn(what + " failed, retrying: " + e.getMessage());
                    failing = true;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }
}
