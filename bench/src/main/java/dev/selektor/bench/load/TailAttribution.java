package dev.selektor.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the slow requests of a load run met a stop of the server's JVM: the generator's {@code --timeline}
 * beside the server's safepoint log ({@code -Xlog:safepoint=info:file=F:timemillis}). Every pause of the collector is
 * a safepoint, as are the JVM's other stops, so a request in flight during none of them was slow for some other
 * reason (the CPU, the host, the network stack). Where the collector explains the tail, the p99 without the
 * requests that met a safepoint is much lower than the p99 of all; where it does not, the two are close.
 * Not a test: {@code bench/rest-benchmark.sh --attribute-tail} runs it after each open-loop phase.
 *
 * <pre>TailAttribution --timeline FILE --safepoints FILE [--over 2]</pre>
 */
public final class TailAttribution {
    /**
     * The log's {@code timemillis} decoration is whole milliseconds, and the generator's clock offset is taken once;
     * a request within this much of a pause counts as having met it.
     */
    static final long SLACK_MICROS = 1_000;

    private static final Pattern SAFEPOINT =
            Pattern.compile("^\\[(\\d+)ms\\].*Safepoint \"([^\"]+)\".*Total: (\\d+) ns");

    record Pause(long startMicros, long endMicros, String cause) {
        long micros() {
            return endMicros - startMicros;
        }
    }

    record Request(long dueMicros, long latencyMicros) {
        long endMicros() {
            return dueMicros + latencyMicros;
        }
    }

    /** The outcome for one threshold: counts, and the percentiles (microseconds) with and without pause-met requests. */
    record Attribution(
            int requests,
            int slow,
            int slowAtPause,
            int atPause,
            long p99,
            long p99WithoutPauses,
            long p999,
            long p999WithoutPauses,
            List<Pause> pauses,
            long windowMicros) {
        long stoppedMicros() {
            return pauses.stream().mapToLong(Pause::micros).sum();
        }
    }

    public static void main(String[] args) throws IOException {
        Path timeline = null;
        Path safepoints = null;
        double overMillis = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--timeline" -> timeline = Path.of(args[i + 1]);
                case "--safepoints" -> safepoints = Path.of(args[i + 1]);
                case "--over" -> overMillis = millis(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || timeline == null || safepoints == null) {
            usage("--timeline and --safepoints are required");
        }
        List<Request> requests = readTimeline(Files.readAllLines(timeline));
        List<Pause> pauses = readSafepoints(Files.readAllLines(safepoints));
        if (requests.isEmpty()) {
            usage(timeline + " holds no requests");
        }
        if (pauses.isEmpty()) {
            usage(safepoints + " holds no safepoint lines with a timemillis decoration;"
                    + " start the server with -Xlog:safepoint=info:file=" + safepoints + ":timemillis");
        }
        print(attribute(requests, pauses, Math.round(overMillis * 1000)), overMillis);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: TailAttribution --timeline FILE --safepoints FILE [--over MILLISECONDS]");
        System.exit(2);
    }

    private static double millis(String text) {
        try {
            double value = Double.parseDouble(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        usage("--over: milliseconds above 0, not " + text);
        return 0;
    }

    /** One request a line, as {@link Timeline#write} writes them; a line that is not is named in the exception. */
    static List<Request> readTimeline(List<String> lines) {
        List<Request> requests = new ArrayList<>(lines.size());
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            try {
                if (fields.length != 2) {
                    throw new NumberFormatException("two numbers expected");
                }
                requests.add(new Request(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "line " + (n + 1) + " of the timeline is not \"due-micros latency-micros\": " + line, e);
            }
        }
        return requests;
    }

    /** The log line is written when the safepoint ends; it started its total time before. */
    static List<Pause> readSafepoints(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SAFEPOINT.matcher(line);
            if (m.find()) {
                long end = Long.parseLong(m.group(1)) * 1_000;
                long total = Long.parseLong(m.group(3)) / 1_000;
                pauses.add(new Pause(end - total, end, m.group(2)));
            }
        }
        pauses.sort((a, b) -> Long.compare(a.startMicros(), b.startMicros()));
        return pauses;
    }

    static Attribution attribute(List<Request> requests, List<Pause> allPauses, long overMicros) {
        long first = requests.stream().mapToLong(Request::dueMicros).min().orElseThrow();
        long last = requests.stream().mapToLong(Request::endMicros).max().orElseThrow();
        List<Pause> pauses = allPauses.stream()
                .filter(p -> p.endMicros() >= first && p.startMicros() <= last)
                .toList();
        long[] starts =
                pauses.stream().mapToLong(p -> p.startMicros() - SLACK_MICROS).toArray();
        long[] ends =
                pauses.stream().mapToLong(p -> p.endMicros() + SLACK_MICROS).toArray();
        long[] all = new long[requests.size()];
        long[] without = new long[requests.size()];
        int withoutCount = 0;
        int slow = 0;
        int slowAtPause = 0;
        int atPause = 0;
        for (int i = 0; i < all.length; i++) {
            Request r = requests.get(i);
            all[i] = r.latencyMicros();
            boolean met = meets(r, starts, ends);
            if (met) {
                atPause++;
            } else {
                without[withoutCount++] = r.latencyMicros();
            }
            if (r.latencyMicros() > overMicros) {
                slow++;
                if (met) {
                    slowAtPause++;
                }
            }
        }
        Arrays.sort(all);
        long[] rest = Arrays.copyOf(without, withoutCount);
        Arrays.sort(rest);
        return new Attribution(
                all.length,
                slow,
                slowAtPause,
                atPause,
                percentile(all, 0.99),
                percentile(rest, 0.99),
                percentile(all, 0.999),
                percentile(rest, 0.999),
                pauses,
                last - first);
    }

    /** Whether the request was in flight during a (widened) pause: the first pause ending after its start begins before its end. */
    private static boolean meets(Request r, long[] starts, long[] ends) {
        int i = Arrays.binarySearch(ends, r.dueMicros());
        int next = i >= 0 ? i : -i - 1;
        return next < ends.length && starts[next] <= r.endMicros();
    }

    /** Nearest rank: the smallest value that at least the share q of all values do not exceed; 0 for none. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static void print(Attribution a, double overMillis) {
        Map<String, Integer> causes = new TreeMap<>();
        a.pauses().forEach(p -> causes.merge(p.cause(), 1, Integer::sum));
        long longest = a.pauses().stream().mapToLong(Pause::micros).max().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "  safepoints of the server in the %.1f s of the timeline: %d %s, stopped %.1f ms in all"
                        + " (%.2f %% of the time), the longest %.2f ms%n",
                a.windowMicros() / 1e6,
                a.pauses().size(),
                causes,
                a.stoppedMicros() / 1e3,
                100.0 * a.stoppedMicros() / Math.max(1, a.windowMicros()),
                longest / 1e3);
        System.out.printf(
                Locale.ROOT,
                "  requests in flight during one (±%d ms): %,d of %,d (%.2f %%)%n",
                SLACK_MICROS / 1000,
                a.atPause(),
                a.requests(),
                100.0 * a.atPause() / a.requests());
        System.out.printf(
                Locale.ROOT,
                "  over %s ms: %,d requests (%.2f %%), %,d of them in flight during a safepoint (%.1f %%)%n",
                OpenLoopLoadGenerator.number(overMillis),
                a.slow(),
                100.0 * a.slow() / a.requests(),
                a.slowAtPause(),
                a.slow() == 0 ? 0.0 : 100.0 * a.slowAtPause() / a.slow());
        System.out.printf(
                Locale.ROOT,
                "  p99 %.2f ms, without the requests that met a safepoint %.2f ms;"
                        + " p99.9 %.2f ms, without them %.2f ms%n",
                a.p99() / 1e3,
                a.p99WithoutPauses() / 1e3,
                a.p999() / 1e3,
                a.p999WithoutPauses() / 1e3);
        System.out.printf(
                Locale.ROOT,
                "attribution over_ms=%s requests=%d slow=%d slow_at_safepoint=%d safepoints=%d"
                        + " stopped_percent=%.2f p99=%.2f p99_without_safepoints=%.2f p999=%.2f p999_without_safepoints=%.2f%n",
                OpenLoopLoadGenerator.number(overMillis),
                a.requests(),
                a.slow(),
                a.slowAtPause(),
                a.pauses().size(),
                100.0 * a.stoppedMicros() / Math.max(1, a.windowMicros()),
                a.p99() / 1e3,
                a.p99WithoutPauses() / 1e3,
                a.p999() / 1e3,
                a.p999WithoutPauses() / 1e3);
    }
}
