package dev.selektor.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every measured request's due time and latency, in the order they ended, for {@code --timeline}: a percentile
 * says how many requests were slow, a timeline says when, so that slow requests can be laid beside what the server
 * did at that moment (its collector's pauses, see {@link TailAttribution}). Due times are written as wall-clock
 * microseconds since the epoch, the clock the JVM's {@code -Xlog} decorations use; the generator measures with
 * {@code System.nanoTime()}, so one offset between the two clocks is taken at the start.
 */
final class Timeline {
    private final long epochNanosMinusNanoTime;
    private long[] due = new long[1 << 16];
    private long[] latency = new long[1 << 16];
    private int size;

    Timeline() {
        Instant now = Instant.now();
        long nanoTime = System.nanoTime();
        epochNanosMinusNanoTime = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanoTime;
    }

    /** A request due at {@code dueNanos} ({@code System.nanoTime()}) that took {@code nanos} from then. */
    void add(long dueNanos, long nanos) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            latency = Arrays.copyOf(latency, size * 2);
        }
        due[size] = dueNanos;
        latency[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** One line a request: due time (epoch microseconds) and latency (microseconds), separated by a space. */
    void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < size; i++) {
                out.write(Long.toString((due[i] + epochNanosMinusNanoTime) / 1_000));
                out.write(' ');
                out.write(Long.toString(latency[i] / 1_000));
                out.newLine();
            }
        }
    }
}
