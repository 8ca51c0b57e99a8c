package dev.selektor.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in tests for something that happens in the background: polls, and fails with a message after the timeout. */
public final class Await {
    private static final long POLL_MILLIS = 100;

    private Await() {}

    public static void until(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        until(what, condition, timeout, () -> "");
    }

    /** @param state what the failure message adds, e.g. the state of what was waited for */
    public static void until(String what, BooleanSupplier condition, Duration timeout, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String detail = state.get();
                throw new AssertionError(
                        "waited " + timeout + " for " + what + (detail.isEmpty() ? "" : "; " + detail));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
