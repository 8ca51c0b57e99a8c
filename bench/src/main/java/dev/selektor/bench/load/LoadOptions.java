package dev.selektor.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** The load generator's command line; {@link #USAGE} lists it. */
record LoadOptions(
        URI url,
        double rate,
        long durationNanos,
        long warmupNanos,
        long drainNanos,
        int connections,
        String user,
        String password,
        Path bodies,
        boolean saturate,
        Path timeline) {

    static final String USAGE = """
            usage: OpenLoopLoadGenerator --url http://127.0.0.1:8080/campaigns/black-week-tech/decisions
                     [--rate 5000] [--duration 30s] [--warmup 10s] [--connections 32]
                     [--user checkout --password checkout] [--bodies FILE.ndjson]
                     [--saturate] [--drain 30s] [--timeline FILE]
              --rate N         requests per second to start, whatever the answers do (open loop)
              --duration T     measured time, after the warm-up (e.g. 30s, 500ms, 2m)
              --warmup T       time at the same rate before measuring; its answers are not recorded
              --connections N  persistent keep-alive connections, each carrying one request at a time
              --user/--password  HTTP Basic credentials sent with every request
              --bodies FILE    NDJSON, one POST body a line, sent round-robin (default: one example body)
              --saturate       closed loop instead: every connection sends its next request as soon as its
                               answer is in (as wrk does); --rate is then ignored
              --drain T        after the measured window, how long to wait for requests still queued or in
                               flight; whatever is left then is recorded at its age so far (a lower bound)
              --timeline FILE  also write each measured request, one a line: due time (with --saturate, send
                               time) in microseconds since the epoch, latency in microseconds (for TailAttribution)
            """;

    static LoadOptions parse(String[] args) {
        URI url = null;
        double rate = 5000;
        long duration = seconds(30);
        long warmup = seconds(10);
        long drain = seconds(30);
        int connections = 32;
        String user = null;
        String password = null;
        Path bodies = null;
        boolean saturate = false;
        Path timeline = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--saturate")) {
                saturate = true;
                continue;
            }
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--url" -> url = URI.create(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--duration" -> duration = duration(value);
                    case "--warmup" -> warmup = duration(value);
                    case "--drain" -> drain = duration(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--user" -> user = value;
                    case "--password" -> password = value;
                    case "--bodies" -> bodies = Path.of(value);
                    case "--timeline" -> timeline = Path.of(value);
                    default -> throw new UsageException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(flag + ": not a number: " + value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
        if (url == null) {
            throw new UsageException("--url is required");
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new UsageException("--url must be an http:// URL with a host, got " + url);
        }
        if (!(rate > 0) && !saturate) {
            throw new UsageException("--rate must be above 0");
        }
        if (connections < 1) {
            throw new UsageException("--connections must be at least 1");
        }
        if (duration <= 0) {
            throw new UsageException("--duration must be above 0");
        }
        if ((user == null) != (password == null)) {
            throw new UsageException("--user and --password go together");
        }
        return new LoadOptions(
                url, rate, duration, warmup, drain, connections, user, password, bodies, saturate, timeline);
    }

    int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    /** The request target: path and query as sent on the request line. */
    String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** 30s, 500ms, 2m, 1.5s, or a bare number of seconds. */
    static long duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (t.endsWith("ms")) {
            factor = 1e6;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60e9;
            number = t.substring(0, t.length() - 1);
        } else {
            factor = 1e9;
            number = t;
        }
        double value = Double.parseDouble(number);
        if (value < 0) {
            throw new IllegalArgumentException("a duration cannot be negative: " + text);
        }
        return Math.round(value * factor);
    }

    private static long seconds(long s) {
        return s * 1_000_000_000L;
    }

    /** A bad command line: the message (or none, for --help) and the usage are printed. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
