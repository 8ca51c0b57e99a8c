package dev.selektor.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * An open-loop HTTP/1.1 load generator for the decision endpoint (or any POST endpoint): it starts requests at a
 * fixed rate whatever the server does, and measures each one's latency from the time it was <em>meant</em> to be
 * sent. Not a test: {@code bench/rest-benchmark.sh} runs it against a packaged service; it can also be run by hand,
 * see {@link LoadOptions#USAGE}.
 *
 * <p>Why open loop: a closed-loop client (wrk, or this tool's {@code --saturate}) sends the next request only when
 * an answer is in, so a server that stalls for a second also stops the client from sending, and the requests that
 * real callers would have made during the stall are never measured ("coordinated omission"). Here request i is due
 * at {@code start + i / rate}; it goes out on the first free connection once due, and the latency recorded is
 * answer time minus due time. If every connection is busy, due requests wait and their wait counts; if the server
 * cannot keep up, the queue and the latencies grow without bound, as they would for real callers.
 *
 * <p>How: persistent keep-alive connections (non-blocking sockets, one request in flight on each, no pipelining)
 * and two threads. The sender sleeps until the next request is due and writes it on a free connection (a selector
 * cannot wait for less than a millisecond, a parked thread can); the reader waits on one selector for every
 * connection's answers, parses and records them, and alone opens and closes sockets. Two threads instead of one per
 * connection keep the generator's own CPU use down, which matters when it shares a small machine with the server it
 * measures: a sender that wakes late sends everything due in one go, and one selector wake-up can read several
 * answers. (Below that, each request costs a timed wake-up of the sender and one of the reader; on a virtual
 * machine a timed wake-up alone can cost tens of microseconds of CPU, so expect a few tenths of a core at
 * 5,000 requests/s. The report prints it.) Request bytes (headers and body) are built before timing starts; bodies
 * from {@code --bodies} are used round-robin by request number. Latencies go into an HdrHistogram (microseconds, 3
 * significant digits).
 *
 * <p>Output on stdout: a line {@code phase measure-start} when the measured window begins and {@code phase
 * measure-end} when its schedule ends (so that a script can take the server's CPU time over exactly that window),
 * then the results, a Markdown table row and one {@code result key=value ...} line for scripts. Progress every
 * 5 s goes to stderr. Exit status: 0; 1 when more than 0.1 % of the measured requests were not answered 200 or
 * failed, or the server refused connections (the figures then describe error handling, not decisions), or no
 * connection could be opened at all; 3 when more than 0.1 % were still queued or in
 * flight at the end of the drain time (the server is far past its capacity and the percentiles are lower bounds);
 * 2 for a bad command line.
 */
public final class OpenLoopLoadGenerator {
    /** A request sent this long after its due time is counted as late (in the report, not in the latency). */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Above this share of the measured requests, errors or bad statuses make the run worthless. */
    static final double BAD_LIMIT = 0.001;

    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final String DEFAULT_BODY =
            "{\"customer\": {\"customerId\": \"C-000123\", \"segment\": \"REGULAR\", "
                    + "\"country\": \"DE\", \"birthDate\": \"1988-02-14\", \"memberSince\": \"2019-03-01\", \"marketingConsent\": true, "
                    + "\"fraudFlag\": false, \"orders12m\": 7, \"revenue12m\": 845.50, \"returnRate12m\": 0.12, "
                    + "\"lastOrderDate\": \"2026-10-30\", \"categories\": [\"fashion\", \"electronics\"]}, \"runDate\": \"2026-11-26\"}";

    private final LoadOptions options;
    private final byte[][] requests;
    private final Connection[] connections;
    private final Selector selector;
    /** What the reader measured (answers, failures); read by others only after it ended. */
    private final Tally tally;

    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    /** Connections the reader has freed, for the sender to take; may hold stale entries, checked on taking. */
    private final ConcurrentLinkedQueue<Connection> free = new ConcurrentLinkedQueue<>();
    /** Requests whose write failed, taken by the sender and handed to the reader to count. */
    private final ConcurrentLinkedQueue<SendFailure> sendFailures = new ConcurrentLinkedQueue<>();

    private final boolean openLoop;

    private record SendFailure(Connection connection, SocketChannel channel, IOException error, boolean measured) {}

    private volatile boolean stopping;
    private volatile boolean senderDone;
    private volatile boolean senderWaiting;
    private volatile Thread sender;
    /** Requests handed to a connection so far (all, warm-up too); in the open loop, the next one is this number. */
    private volatile long sentCount;
    /** Answers read and requests failed so far (all, warm-up too); reader only. */
    private volatile long answeredCount;

    private volatile long failedCount;
    private volatile long peakQueued;
    /** Requests due but not yet sent when the window ended: more than a few, and the server fell behind. */
    private long queuedAtEnd;
    // The sender's own counts of measured requests sent, and of those sent late; read after it ended.
    private long senderSent;
    private long senderLate;

    // The schedule (open loop): request i is due at start + i * nanosPerRequest; warmupCount of them are not measured.
    private long start;
    private double nanosPerRequest;
    private long warmupCount;
    private long total;
    private long windowStart;
    private long windowEnd;

    private OpenLoopLoadGenerator(LoadOptions options, byte[][] requests) throws IOException {
        this.options = options;
        this.requests = requests;
        this.openLoop = !options.saturate();
        this.tally = new Tally(options.timeline() != null);
        int largest = 0;
        for (byte[] r : requests) {
            largest = Math.max(largest, r.length);
        }
        InetSocketAddress address = new InetSocketAddress(options.url().getHost(), options.port());
        this.selector = Selector.open();
        this.connections = new Connection[options.connections()];
        for (int c = 0; c < connections.length; c++) {
            connections[c] = new Connection(address, largest);
        }
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        List<String> bodies = bodies(options.bodies());
        byte[][] requests = prepare(options, bodies);
        System.out.println("machine: " + machine());
        System.out.printf(
                Locale.ROOT,
                "load: %s %s, %s, %d connections, warm-up %s, measured %s, %,d bodies%s%n",
                options.saturate() ? "closed loop (saturation)," : "open loop at " + number(options.rate()) + " req/s,",
                "POST " + options.url(),
                options.user() == null ? "no credentials" : "as " + options.user(),
                options.connections(),
                seconds(options.warmupNanos()),
                seconds(options.durationNanos()),
                bodies.size(),
                options.bodies() == null ? " (the built-in example)" : " from " + options.bodies());
        OpenLoopLoadGenerator generator = new OpenLoopLoadGenerator(options, requests);
        try {
            for (Connection c : generator.connections) {
                c.open(generator.selector);
                generator.free.add(c);
            }
        } catch (IOException e) {
            System.out.println("!!! Cannot connect to " + options.url() + ": " + e);
            System.exit(1);
        }
        System.exit(generator.run());
    }

    // ---------------------------------------------------------------- the run

    private int run() throws InterruptedException {
        if (openLoop) {
            nanosPerRequest = 1e9 / options.rate();
            warmupCount = Math.round(options.warmupNanos() / nanosPerRequest);
            total = warmupCount + Math.max(1, Math.round(options.durationNanos() / nanosPerRequest));
        }
        // A little time for the threads to start, so that the first requests are not late because of that.
        start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        windowStart = openLoop ? due(warmupCount) : start + options.warmupNanos();
        windowEnd = start + options.warmupNanos() + options.durationNanos();
        Thread reader = startThread("load-reader", this::reader);
        sender = openLoop ? startThread("load-sender", this::sender) : null;
        Thread progress = startThread("load-progress", this::progress);

        sleepUntil(windowStart);
        System.out.println("phase measure-start");
        long cpuStart = processCpuNanos();
        long answeredStart = answeredCount;
        long countStart = System.nanoTime();
        sleepUntil(windowEnd);
        long cpuEnd = processCpuNanos();
        long answeredInWindow = answeredCount - answeredStart;
        queuedAtEnd = openLoop
                ? Math.max(0, Math.min(total, (long) ((System.nanoTime() - start) / nanosPerRequest) + 1) - sentCount)
                : 0;
        // This thread may wake late; the count is divided by the time it really covers.
        double countSeconds = (System.nanoTime() - countStart) / 1e9;
        System.out.println("phase measure-end");

        reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(windowEnd + options.drainNanos() - System.nanoTime())));
        boolean cutShort = reader.isAlive();
        long cutNanos = System.nanoTime();
        stopping = true;
        selector.wakeup();
        if (sender != null) {
            LockSupport.unpark(sender);
            sender.join(10_000);
        }
        reader.join(10_000);
        progress.interrupt();
        for (SendFailure f; (f = sendFailures.poll()) != null; ) {
            countFailure(f.error(), f.measured());
        }
        tally.sent += senderSent;
        tally.late += senderLate;
        if (cutShort) {
            // What is still queued or in flight is recorded at its age now: the percentiles become lower bounds.
            for (long i = Math.max(sentCount, warmupCount); i < total; i++) {
                tally.cut++;
                tally.record(due(i), cutNanos - due(i));
            }
            for (Connection c : connections) {
                if (c.inFlight != Connection.NONE && c.measured) {
                    tally.cut++;
                    tally.record(c.startNanos, cutNanos - c.startNanos);
                }
            }
        }
        for (Connection c : connections) {
            c.close();
        }
        if (tally.timeline != null) {
            writeTimeline(tally.timeline, options.timeline());
        }
        // Answers per second while the window lasted, whichever request they were for: at a rate the server
        // sustains this is the rate; past it, the server's capacity (answers to warm-up requests still queued count).
        double achieved = answeredInWindow / countSeconds;
        long scheduled = openLoop ? total - warmupCount : tally.sent;
        return report(tally, scheduled, achieved, (cpuEnd - cpuStart) / (double) (windowEnd - windowStart), cutShort);
    }

    private static void writeTimeline(Timeline timeline, Path file) {
        try {
            timeline.write(file);
            System.out.printf(Locale.ROOT, "timeline: %,d measured requests written to %s%n", timeline.size(), file);
        } catch (IOException e) {
            // The figures below are complete without it; say what is missing rather than lose them.
            System.out.println("!!! could not write the timeline to " + file + ": " + e);
        }
    }

    private long due(long i) {
        return start + (long) (i * nanosPerRequest);
    }

    // ---------------------------------------------------------------- the sender (open loop)

    /** Sleeps until the next request is due, then writes it on a free connection, or waits for one to be freed. */
    private void sender() {
        long next = 0;
        while (next < total && !stopping) {
            long due = due(next);
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            Connection c = free.poll();
            if (c == null) {
                // Every connection busy: wait for the reader to free one (it unparks us); the request waits meanwhile.
                senderWaiting = true;
                c = free.poll();
                if (c == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    senderWaiting = false;
                    continue;
                }
                senderWaiting = false;
            }
            if (!c.isFree()) {
                continue; // a stale entry: the connection broke, or was freed twice and is busy again
            }
            boolean measured = next >= warmupCount;
            c.startNanos = due;
            c.measured = measured;
            c.inFlight = next; // publishes the two fields above to the reader
            if (measured) {
                senderSent++;
                if (now - due > LATE_NANOS) {
                    senderLate++;
                }
            }
            SocketChannel channel = c.channel();
            try {
                c.write(channel, requests[(int) (next % requests.length)]);
            } catch (IOException e) {
                if (c.finish(next)) {
                    sendFailures.add(new SendFailure(c, channel, e, measured));
                    selector.wakeup();
                }
            }
            next++;
            sentCount = next;
        }
        senderDone = true;
        selector.wakeup();
    }

    // ---------------------------------------------------------------- the reader (both modes)

    /** Reads and records answers; in the closed loop also sends, each connection's next request on its answer. */
    private void reader() {
        try {
            if (!openLoop) {
                sleepUntil(start);
                for (Connection c; (c = free.poll()) != null; ) {
                    sendClosedLoop(c);
                }
            }
            while (!stopping) {
                for (SendFailure f; (f = sendFailures.poll()) != null; ) {
                    countFailure(f.error(), f.measured());
                    if (f.connection().hasChannel(f.channel())) {
                        breakConnection(f.connection(), f.error());
                    }
                }
                long accounted = answeredCount + failedCount;
                if (openLoop
                        ? senderDone && accounted == sentCount
                        : System.nanoTime() >= windowEnd && accounted == sentCount) {
                    return; // everything sent has been answered or has failed
                }
                waitAndRead();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the selector failed", e);
        }
    }

    private void sendClosedLoop(Connection c) {
        long now = System.nanoTime();
        if (now >= windowEnd) {
            return;
        }
        boolean measured = now >= windowStart;
        long number = sentCount;
        c.startNanos = now;
        c.measured = measured;
        c.inFlight = number;
        sentCount = number + 1;
        if (measured) {
            tally.sent++;
        }
        SocketChannel channel = c.channel();
        try {
            c.write(channel, requests[(int) (number % requests.length)]);
        } catch (IOException e) {
            breakConnection(c, e);
        }
    }

    /** Waits for answers, reads them, and reopens connections that failed once their pause is over. */
    private void waitAndRead() throws IOException {
        long reconnectAt = Long.MAX_VALUE;
        for (Connection c : connections) {
            if (!c.hasChannel()) {
                reconnectAt = Math.min(reconnectAt, c.reconnectAt);
            }
        }
        long waitMillis =
                reconnectAt == Long.MAX_VALUE ? 100 : TimeUnit.NANOSECONDS.toMillis(reconnectAt - System.nanoTime());
        if (waitMillis > 0) {
            selector.select(waitMillis);
        } else {
            selector.selectNow();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid() && key.isReadable()) {
                readFrom((Connection) key.attachment());
            }
        }
        if (reconnectAt != Long.MAX_VALUE) {
            long now = System.nanoTime();
            for (Connection c : connections) {
                if (!c.hasChannel() && c.reconnectAt <= now && !stopping) {
                    try {
                        c.open(selector);
                        freed(c);
                    } catch (IOException e) {
                        c.reconnectAt = now + RECONNECT_PAUSE_NANOS;
                        if (now >= windowStart) {
                            tally.connectFailed(e);
                        }
                    }
                }
            }
        }
    }

    private void readFrom(Connection c) {
        long number = c.inFlight;
        try {
            in.clear();
            int n = c.read(in);
            if (n < 0) {
                if (number != Connection.NONE && c.parser.endOfStream()) {
                    complete(c, number); // a body that ran to the end of the stream; complete() reconnects
                } else {
                    breakConnection(c, new IOException("the server closed the connection"));
                }
                return;
            }
            in.flip();
            if (number == Connection.NONE) {
                breakConnection(c, new IOException("bytes arrived with no request in flight"));
                return;
            }
            if (c.parser.feed(in)) {
                complete(c, number);
            }
        } catch (IOException e) {
            breakConnection(c, e);
        }
    }

    private void complete(Connection c, long number) {
        long now = System.nanoTime();
        ResponseParser parser = c.parser;
        boolean closeAfter = parser.closeAfter();
        // Read the fields before giving the connection back: the sender overwrites them for its next request.
        boolean measured = c.measured;
        long startNanos = c.startNanos;
        if (c.finish(number)) {
            answeredCount++;
            if (measured) {
                tally.answer(parser.status(), startNanos, now - startNanos, parser.sample());
            }
        }
        parser.reset();
        if (closeAfter) {
            c.close();
            c.reconnectAt = now;
        } else {
            freed(c);
        }
    }

    /** A connection can take its next request: the closed loop sends it now, the open loop hands it to the sender. */
    private void freed(Connection c) {
        if (!openLoop) {
            sendClosedLoop(c);
            return;
        }
        free.add(c);
        if (senderWaiting) {
            LockSupport.unpark(sender);
        }
    }

    /** Closes a connection that failed; its request, if any, counts as an error. It is reopened after a pause. */
    private void breakConnection(Connection c, IOException e) {
        c.close();
        c.reconnectAt = System.nanoTime() + RECONNECT_PAUSE_NANOS;
        long number = c.inFlight;
        if (c.finish(number)) {
            countFailure(e, c.measured);
        }
    }

    private void countFailure(IOException e, boolean measured) {
        failedCount++;
        if (measured) {
            tally.error(e);
        }
    }

    /** Every 100 ms: how many requests are due but waiting for a connection; every 5 s a line on stderr. */
    private void progress() {
        long nextPrint = System.nanoTime() + PROGRESS_NANOS;
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            long now = System.nanoTime();
            long queued = 0;
            if (openLoop && now >= start) {
                long dueNow = Math.min(total, (long) ((now - start) / nanosPerRequest) + 1);
                queued = Math.max(0, dueNow - sentCount);
            }
            if (now >= windowStart && now < windowEnd) {
                peakQueued = Math.max(peakQueued, queued);
            }
            if (now >= nextPrint) {
                nextPrint += PROGRESS_NANOS;
                System.err.printf(
                        Locale.ROOT,
                        "  %5.1f s %s: sent %,d, answered %,d, failed %,d, due and waiting for a connection %,d%n",
                        (now - start) / 1e9,
                        now < windowStart ? "warm-up" : now < windowEnd ? "measured" : "drain",
                        sentCount,
                        answeredCount,
                        failedCount,
                        queued);
            }
        }
    }

    // ---------------------------------------------------------------- report

    private int report(Tally all, long scheduled, double achieved, double cpuShare, boolean cutShort) {
        String mode = options.saturate() ? "closed loop, " + options.connections() + " connections" : "open loop";
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Results (%s%s, measured %s):%n",
                mode,
                options.saturate() ? "" : ", target " + number(options.rate()) + " req/s",
                seconds(options.durationNanos()));
        System.out.printf(
                Locale.ROOT,
                "  requests: %s%,d sent, %,d answered; achieved %s req/s (answers per second in the window)%n",
                options.saturate() ? "" : String.format(Locale.ROOT, "%,d scheduled, ", scheduled),
                all.sent,
                all.answered,
                number(achieved));
        List<String> statusParts = new ArrayList<>();
        for (int s = 0; s < all.statuses.length; s++) {
            if (all.statuses[s] > 0) {
                statusParts.add(String.format(
                        Locale.ROOT, "%s: %,d", s == 0 ? "unreadable" : String.valueOf(s), all.statuses[s]));
            }
        }
        System.out.println("  status: " + (statusParts.isEmpty() ? "none" : String.join(", ", statusParts)));
        System.out.printf(
                Locale.ROOT, "  errors: %,d%s%n", all.errorCount(), all.errors.isEmpty() ? "" : " " + all.errors);
        if (all.connectFailures > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "  failed attempts to reconnect in the measured window: %,d (first: %s)%n",
                    all.connectFailures,
                    all.firstConnectFailure);
        }
        if (all.firstBadAnswer != null) {
            System.out.println("  first answer that was not 2xx: " + all.firstBadAnswer);
        }
        Percentiles p = new Percentiles(all);
        System.out.printf(
                Locale.ROOT,
                "  latency (ms, from the %s): p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s%n",
                options.saturate()
                        ? "actual send, as wrk measures"
                        : "intended send time, coordinated omission corrected",
                ms(p.p50),
                ms(p.p90),
                ms(p.p99),
                ms(p.p999),
                ms(p.p9999),
                ms(p.max));
        if (!options.saturate()) {
            System.out.printf(
                    Locale.ROOT,
                    "  sent more than 1 ms after their time: %.2f %% (every connection busy, or this process"
                            + " not on a CPU); due and waiting for a connection: at most %,d at once, %,d when the window ended%n",
                    percent(all.late, all.sent),
                    peakQueued,
                    queuedAtEnd);
        }
        System.out.printf(
                Locale.ROOT, "  generator CPU over the measured window: %.0f %% of one core%n", cpuShare * 100);

        long measured = Math.max(1, options.saturate() ? all.sent : scheduled);
        long bad = all.not2xx() + all.errorCount() + (all.answered - all.not2xx() - all.status(200));
        // A server that refuses connections in the window is no server to measure, however few requests failed.
        boolean invalid = bad > BAD_LIMIT * measured || all.connectFailures > 0;
        boolean overloaded = all.cut > BAD_LIMIT * measured;
        if (all.cut > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "  %,d requests (%.2f %%) were still queued or in flight when the %s drain time ran out;"
                            + " they are recorded at their age then, so the percentiles are lower bounds%n",
                    all.cut,
                    percent(all.cut, measured),
                    seconds(options.drainNanos()));
        }
        // Kept up: answers as fast as the schedule, no queue left when the window ended, nothing cut short.
        boolean keptUp = options.saturate()
                || achieved >= 0.97 * options.rate() && queuedAtEnd <= 0.01 * scheduled && all.cut == 0;
        String rateCell =
                options.saturate() ? "saturation, " + options.connections() + " conn." : number(options.rate());
        System.out.println();
        System.out.println(
                "| target req/s | achieved req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | p99.99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        String atLeast = all.cut > 0 ? "≥ " : ""; // requests cut short: every percentile is a lower bound
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s%s | %s%s | %s%s | %s%s | %s%s | %s%s |%n",
                rateCell,
                number(achieved),
                atLeast,
                ms(p.p50),
                atLeast,
                ms(p.p90),
                atLeast,
                ms(p.p99),
                atLeast,
                ms(p.p999),
                atLeast,
                ms(p.p9999),
                atLeast,
                ms(p.max));
        System.out.printf(
                Locale.ROOT,
                "result mode=%s target=%s connections=%d achieved=%.1f scheduled=%d sent=%d answered=%d"
                        + " ok=%d not_ok=%d errors=%d cut=%d late=%d queued_end=%d kept_up=%s p50=%s p90=%s p99=%s p999=%s p9999=%s"
                        + " max=%s client_cpu_percent=%.0f%n",
                options.saturate() ? "saturate" : "open",
                options.saturate() ? "-" : number(options.rate()).replace(",", ""),
                options.connections(),
                achieved,
                options.saturate() ? all.sent : scheduled,
                all.sent,
                all.answered,
                all.status(200),
                bad,
                all.errorCount(),
                all.cut,
                all.late,
                queuedAtEnd,
                keptUp ? "yes" : "no",
                ms(p.p50),
                ms(p.p90),
                ms(p.p99),
                ms(p.p999),
                ms(p.p9999),
                ms(p.max),
                cpuShare * 100);
        if (invalid) {
            System.out.println();
            System.out.println(
                    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            System.out.printf(
                    Locale.ROOT,
                    "!!! WARNING: %,d of %,d measured requests (%.2f %%) were not answered 200 or failed%s.%n",
                    bad,
                    measured,
                    percent(bad, measured),
                    all.connectFailures == 0
                            ? ""
                            : String.format(
                                    Locale.ROOT, ", and %,d attempts to reconnect failed", all.connectFailures));
            System.out.println(
                    "!!! These figures measure error answers, not decisions. Check the URL, the credentials and the bodies.");
            System.out.println(
                    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            return 1;
        }
        if (!keptUp) {
            System.out.printf(
                    Locale.ROOT,
                    "Note: the server did not keep up with this rate (answers at %.0f %% of it, %,d requests"
                            + " queued when the window ended): the latencies grow with the length of the run.%n",
                    100 * achieved / options.rate(),
                    queuedAtEnd);
        }
        if (cutShort && overloaded) {
            System.out.println(
                    "Note: the server is past its capacity at this rate: the queue grew until the drain time ran out.");
            return 3;
        }
        return 0;
    }

    /** The reported percentiles, in milliseconds. */
    private static final class Percentiles {
        final double p50;
        final double p90;
        final double p99;
        final double p999;
        final double p9999;
        final double max;

        Percentiles(Tally all) {
            var h = all.latency;
            boolean empty = h.getTotalCount() == 0;
            p50 = empty ? Double.NaN : h.getValueAtPercentile(50) / 1000.0;
            p90 = empty ? Double.NaN : h.getValueAtPercentile(90) / 1000.0;
            p99 = empty ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
            p999 = empty ? Double.NaN : h.getValueAtPercentile(99.9) / 1000.0;
            p9999 = empty ? Double.NaN : h.getValueAtPercentile(99.99) / 1000.0;
            max = empty ? Double.NaN : h.getMaxValue() / 1000.0;
        }
    }

    // ---------------------------------------------------------------- set-up and helpers

    private static List<String> bodies(Path file) throws IOException {
        if (file == null) {
            return List.of(DEFAULT_BODY);
        }
        List<String> lines;
        try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = stream.map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no body");
        }
        return lines;
    }

    /** Every request as the bytes to write: request line, headers, body. */
    private static byte[][] prepare(LoadOptions options, List<String> bodies) {
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(options.target())
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(options.url().getHost())
                .append(options.url().getPort() < 0 ? "" : ":" + options.port())
                .append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Accept: application/json\r\n");
        if (options.user() != null) {
            String credentials = options.user() + ":" + options.password();
            head.append("Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        byte[][] requests = new byte[bodies.size()][];
        for (int b = 0; b < requests.length; b++) {
            byte[] body = bodies.get(b).getBytes(StandardCharsets.UTF_8);
            byte[] headers = (head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headers.length + body.length];
            System.arraycopy(headers, 0, request, 0, headers.length);
            System.arraycopy(body, 0, request, headers.length, body.length);
            requests[b] = request;
        }
        return requests;
    }

    static String machine() {
        String model = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            model = lines.filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(model);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the model stays unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + model + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static Thread startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepUntil(long deadline) {
        long now;
        while ((now = System.nanoTime()) < deadline) {
            LockSupport.parkNanos(deadline - now);
        }
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** 5,000 or 4,987.3: whole numbers without decimals, others with one. */
    static String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String ms(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value < 10
                ? String.format(Locale.ROOT, "%.2f", value)
                : value < 1000 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }
}
