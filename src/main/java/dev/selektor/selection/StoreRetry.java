package dev.selektor.selection;

import dev.selektor.common.SelektorConfig;
import dev.selektor.common.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A run's store calls, tried again while they fail for a passing reason (the store unreachable, throttling, 5xx),
 * with exponential backoff capped at {@code selektor.selection.store-retry.max-backoff} and jitter, for as long as
 * the run is not stopped: a run over millions of customers meets such failures as a matter of course, and its
 * pages are idempotent. Any other failure goes to the caller at once.
 */
@ApplicationScoped
class StoreRetry {
    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    /** The run was stopped (cancelled, dropped, or the instance shuts down) while it waited for the store. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped while waiting for the store", null, false, false);
        }
    }

    @Inject
    SelektorConfig config;

    @Inject
    RunActivity activity;

    <T> T call(String runId, BooleanSupplier stop, Supplier<T> call) {
        long pause = config.selection().storeRetry().firstBackoff().toMillis();
        long longest = config.selection().storeRetry().maxBackoff().toMillis();
        for (long retries = 0; ; retries++) {
            try {
                T answer = call.get();
                if (retries > 0 && activity.storeAnswered(runId)) {
                    LOG.infof("Selection run %s: the store answers again, the run goes on", runId);
                }
                return answer;
            } catch (StoreUnavailableException e) {
                if (stop.getAsBoolean()) {
                    throw new Stopped();
                }
                if (activity.storeFailed(runId, String.valueOf(e.getMessage()))) {
                    LOG.warnf("Selection run %s waits for the store: %s", runId, e.getMessage());
                }
                sleep(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1));
                pause = Math.min(longest, pause * 2);
            }
        }
    }

    void run(String runId, BooleanSupplier stop, Runnable call) {
        call(runId, stop, () -> {
            call.run();
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
