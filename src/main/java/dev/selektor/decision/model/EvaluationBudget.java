package dev.selektor.decision.model;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Ends a DMN engine evaluation that runs past its time or allocation budget, wherever it runs, so that one model's
 * runaway expression cannot hold a thread or fill the heap. The engine never looks at interrupts, so a watchdog
 * stops the evaluating thread itself; see docs/model-safety.md for why this and not a worker process.
 */
public final class EvaluationBudget {
    private static final Logger LOG = Logger.getLogger(EvaluationBudget.class);
    private static final long POLL_MILLIS = 5;
    private static final int WALL_CLOCK_FACTOR = 10;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * What one evaluation may take: the CPU time of its thread and the bytes it allocates. CPU time, not the clock, so
     * that a machine busy with other work does not stop an evaluation that only waited for a core; the clock stops
     * one at {@link #WALL_CLOCK_FACTOR} times its CPU budget whatever it does.
     */
    public record Limits(Duration time, long allocatedBytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofMillis(200), 64L << 20);

        /** Room for a model's first evaluation, which loads the engine's classes for it. */
        public Limits times(int factor) {
            return new Limits(time.multipliedBy(factor), allocatedBytes * factor);
        }
    }

    /** An evaluation was stopped; the message says after how long and which budget it passed. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    private static volatile Limits limits = Limits.DEFAULT;
    private static final ThreadLocal<Boolean> STRICT = ThreadLocal.withInitial(() -> false);
    private static final Map<Thread, Slot> RUNNING = new ConcurrentHashMap<>();

    static {
        startWatchdog();
    }

    private EvaluationBudget() {}

    /** Set once at start-up from the configuration. */
    public static void configure(Limits configured) {
        limits = configured;
    }

    public static Limits limits() {
        return limits;
    }

    /**
     * Runs work in which an evaluation past its budget ends the whole work with {@link Exceeded} instead of ending as
     * one MODEL_ERROR answer: a draft's test run or impact preview stops at the first.
     */
    public static <T> T strict(Supplier<T> work) {
        boolean outer = STRICT.get();
        STRICT.set(true);
        try {
            return work.get();
        } finally {
            STRICT.set(outer);
        }
    }

    /** Whether an evaluator should let {@link Exceeded} through rather than answer MODEL_ERROR. */
    public static boolean isStrict() {
        return STRICT.get();
    }

    /**
     * Runs an evaluation under the budget, or as part of the one the calling thread is already under.
     *
     * @throws Exceeded when the watchdog stopped it
     */
    public static <T> T run(Supplier<T> evaluation) {
        return run(limits, evaluation);
    }

    /** {@link #run(Supplier)} with other limits than the configured ones. */
    public static <T> T run(Limits budget, Supplier<T> evaluation) {
        Thread self = Thread.currentThread();
        if (RUNNING.containsKey(self)) {
            return evaluation.get();
        }
        Slot slot = new Slot(
                self,
                budget,
                System.nanoTime(),
                THREADS.getCurrentThreadCpuTime(),
                THREADS.getCurrentThreadAllocatedBytes());
        RUNNING.put(self, slot);
        try {
            T value;
            try {
                value = evaluation.get();
            } catch (RuntimeException | Error e) {
                if (e instanceof ThreadDeath || slot.finish()) {
                    throw e;
                }
                throw slot.awaitStop();
            }
            if (slot.finish()) {
                return value;
            }
            throw slot.awaitStop();
        } catch (ThreadDeath stopped) {
            slot.acknowledge();
            throw new Exceeded(slot.reason());
        }
    }

    /**
     * One evaluation in progress. The watchdog stops the thread only while the evaluation has not finished (checked
     * and done under the slot's monitor), and the thread leaves {@link #run} only once it has either finished before
     * any stop or caught the stop; so a stop never lands outside {@link #run}.
     */
    private static final class Slot {
        private enum State {
            RUNNING,
            STOPPING,
            FINISHED
        }

        private final Thread thread;
        private final Limits limits;
        private final long startNanos;
        private final long startCpu;
        private final long startAllocated;
        private State state = State.RUNNING;
        private long lastStop;
        private String reason = "";

        Slot(Thread thread, Limits limits, long startNanos, long startCpu, long startAllocated) {
            this.thread = thread;
            this.limits = limits;
            this.startNanos = startNanos;
            this.startCpu = startCpu;
            this.startAllocated = startAllocated;
        }

        /** @return false when a stop is already on its way */
        synchronized boolean finish() {
            if (state != State.RUNNING) {
                return false;
            }
            state = State.FINISHED;
            RUNNING.remove(thread, this);
            return true;
        }

        /** Waits, inside {@link #run}'s try, for the stop the watchdog has sent. */
        Error awaitStop() {
            while (true) {
                Thread.onSpinWait();
            }
        }

        /** Marks the stop as received; a second stop sent meanwhile lands here and is taken too. */
        void acknowledge() {
            while (true) {
                try {
                    synchronized (this) {
                        state = State.FINISHED;
                        RUNNING.remove(thread, this);
                    }
                    return;
                } catch (ThreadDeath again) {
                    // sent before the state changed; the next round of the loop changes it
                }
            }
        }

        synchronized String reason() {
            return reason;
        }

        @SuppressWarnings({"deprecation", "removal"})
        synchronized void stopIfOver(long now) {
            if (state == State.STOPPING && now - lastStop > 20_000_000L) {
                // The engine caught the first stop (some of its code catches Throwable): stop it again.
                lastStop = now;
                thread.stop();
                return;
            }
            if (state != State.RUNNING) {
                return;
            }
            long millis = (now - startNanos) / 1_000_000;
            long cpuMillis = (THREADS.getThreadCpuTime(thread.getId()) - startCpu) / 1_000_000;
            long allocated = THREADS.getThreadAllocatedBytes(thread.getId()) - startAllocated;
            long budgetMillis = limits.time().toMillis();
            if (cpuMillis >= budgetMillis) {
                reason = "evaluation stopped after " + cpuMillis + " ms (its budget is " + budgetMillis + " ms)";
            } else if (allocated >= limits.allocatedBytes()) {
                reason = "evaluation stopped after allocating " + (allocated >> 20) + " MB in " + millis
                        + " ms (its budget is " + (limits.allocatedBytes() >> 20) + " MB)";
            } else if (millis >= budgetMillis * WALL_CLOCK_FACTOR) {
                reason = "evaluation stopped after " + millis + " ms on the clock (its budget is " + budgetMillis
                        + " ms of CPU)";
            } else {
                return;
            }
            state = State.STOPPING;
            lastStop = now;
            thread.stop();
        }
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(EvaluationBudget::watch, "evaluation-budget");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MAX_PRIORITY);
        watchdog.start();
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
                long now = System.nanoTime();
                for (Slot slot : RUNNING.values()) {
                    slot.stopIfOver(now);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("The evaluation budget's watchdog failed a round: " + e.getMessage());
            }
        }
    }
}
