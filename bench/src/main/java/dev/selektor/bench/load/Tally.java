package dev.selektor.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the load generator saw of the measured requests: their latencies (microseconds, in an HdrHistogram) and
 * how each ended. Written by the one thread that sends and reads, so recording takes no lock.
 */
final class Tally {
    /** Longer latencies are recorded as this: an hour is far past any run this tool makes. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
    final long[] statuses = new long[600];
    final Map<String, Long> errors = new TreeMap<>();
    /** Measured requests handed to a connection. */
    long sent;
    /** Measured requests whose answer (any status) was read in full. */
    long answered;
    /** Measured requests still queued or in flight when the drain time ran out; recorded at their age then. */
    long cut;
    /** Measured requests that went out more than {@link OpenLoopLoadGenerator#LATE_NANOS} after their time. */
    long late;
    /** The first answer that was not 2xx: its status and the start of its body. */
    String firstBadAnswer;
    /** Failed attempts to open a connection again in the measured window (each failed request is in errors). */
    long connectFailures;

    String firstConnectFailure;

    /** Each measured request as well, when {@code --timeline} asks for it. */
    final Timeline timeline;

    Tally(boolean withTimeline) {
        timeline = withTimeline ? new Timeline() : null;
    }

    /** A request due at {@code dueNanos} that took {@code nanos} from then. */
    void record(long dueNanos, long nanos) {
        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1_000)));
        if (timeline != null) {
            timeline.add(dueNanos, nanos);
        }
    }

    void answer(int status, long dueNanos, long nanos, String sample) {
        answered++;
        statuses[status >= 0 && status < statuses.length ? status : 0]++;
        record(dueNanos, nanos);
        if ((status < 200 || status > 299) && firstBadAnswer == null) {
            firstBadAnswer = status + " " + (sample == null ? "" : sample.replaceAll("\\s+", " "));
        }
    }

    void error(Exception e) {
        String kind = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        errors.merge(kind.length() > 160 ? kind.substring(0, 160) : kind, 1L, Long::sum);
    }

    void connectFailed(Exception e) {
        if (connectFailures++ == 0) {
            firstConnectFailure = e.toString();
        }
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    long status(int code) {
        return statuses[code];
    }

    long not2xx() {
        long n = 0;
        for (int s = 0; s < statuses.length; s++) {
            if (s < 200 || s > 299) {
                n += statuses[s];
            }
        }
        return n;
    }
}
