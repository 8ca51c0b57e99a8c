package dev.selektor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.Logger;

/**
 * Gives the benchmark the service's log levels. Outside Quarkus nobody applies {@code quarkus.log.*}: Quarkus'
 * initial log configurator (quarkus-bootstrap-runner, on the classpath with the rest of Quarkus) leaves every
 * logger at ALL and queues the records for a console that is never attached. The FEEL engine then formats a trace
 * message on every function call, which costs half the throughput or more. A logging.properties file or
 * {@code -Dlogging.configuration} is ignored under that configurator, and its
 * {@code -Dlogging.initial-configurator.min-level} makes {@code isTraceEnabled()} say false while slf4j's
 * {@code trace(...)} still formats; so the levels are set here, on the logging backend itself, from the
 * service's own application.properties, so that the benchmark follows whatever the service configures.
 */
final class BenchLogging {
    private static final Pattern CATEGORY_LEVEL = Pattern.compile("quarkus\\.log\\.category\\.\"([^\"]+)\"\\.level");
    /** Held so the levels cannot be lost with unreferenced loggers. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    private static final WarningCounter WARNINGS = new WarningCounter();

    private BenchLogging() {}

    /**
     * Sets {@code quarkus.log.level} (Quarkus' default: INFO) and every {@code quarkus.log.category."…".level}
     * of application.properties; profile-specific keys ({@code %test.…}) are not the service's and are skipped.
     * Warnings and errors are counted instead of queued, each distinct one printed once: should the engine warn on
     * every decision, a million identical lines would bury the figures.
     *
     * @return the levels set, logger name ("" for the root) to level
     */
    static Map<String, String> useServiceLevels() {
        Properties service = applicationProperties();
        Map<String, String> levels = new TreeMap<>();
        levels.put("", service.getProperty("quarkus.log.level", "INFO"));
        for (String key : service.stringPropertyNames()) {
            Matcher category = CATEGORY_LEVEL.matcher(key);
            if (category.matches()) {
                levels.put(category.group(1), service.getProperty(key).strip());
            }
        }
        levels.forEach((name, level) -> {
            Logger logger = Logger.getLogger(name);
            logger.setLevelName(level); // knows Quarkus' names (WARN, ERROR) as well as JUL's
            CONFIGURED.add(logger);
        });
        Logger.getLogger("").setHandlers(new Handler[] {WARNINGS});
        return levels;
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = BenchLogging.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Whether the FEEL engine's trace statements would be formatted: what the figures must not include. */
    static boolean engineTraceOn() {
        return Logger.getLogger("org.kie.dmn.feel").getEffectiveLevel() <= Level.TRACE.intValue();
    }

    /** The warnings and errors logged since the last call, "[logger] message" to count; then starts anew. */
    static Map<String, Long> drainWarnings() {
        return WARNINGS.drain();
    }

    /** Counts WARN and above by logger and message; prints the first of each kind to stderr. */
    private static final class WarningCounter extends Handler {
        /** Beyond this many distinct messages (say, each naming a customer) they are counted together. */
        private static final int MAX_KINDS = 50;

        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final Map<String, Boolean> printed = new ConcurrentHashMap<>();

        WarningCounter() {
            setLevel(Level.WARN);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String key = "[" + record.getLoggerName() + "] " + record.getMessage();
            if (!counts.containsKey(key) && counts.size() >= MAX_KINDS) {
                key = "(other messages)";
            }
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
            if (printed.putIfAbsent(key, Boolean.TRUE) == null) {
                System.err.println(
                        record.getLevel() + " " + key + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        Map<String, Long> drain() {
            Map<String, Long> drained = new TreeMap<>();
            counts.forEach((key, n) -> drained.put(key, n.sumThenReset()));
            drained.values().removeIf(n -> n == 0);
            return drained;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
