package dev.selektor.bench;

import java.util.List;
import java.util.logging.Level;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Gives the benchmark the service's log levels. Outside Quarkus nobody applies {@code quarkus.log.*}: Quarkus'
 * initial log configurator (quarkus-bootstrap-runner, on the classpath with the rest of Quarkus) leaves every
 * logger at ALL and queues the records for a console that is never attached. The FEEL engine then formats a trace
 * message on every function call, which costs a large share of the throughput. A logging.properties file or
 * {@code -Dlogging.configuration} is ignored under that configurator, and its
 * {@code -Dlogging.initial-configurator.min-level} makes {@code isTraceEnabled()} say false while slf4j's
 * {@code trace(...)} still formats, so the levels are set here, on the logging backend itself.
 */
final class BenchLogging {
    /** Held so the levels cannot be lost with unreferenced loggers. */
    private static final List<Logger> CONFIGURED = List.of(
            Logger.getLogger(""), Logger.getLogger("org.kie"), Logger.getLogger("org.drools"));

    private BenchLogging() {
    }

    /**
     * As application.properties configures the service: INFO, and WARN for org.kie and org.drools, with
     * warnings and errors printed so an engine problem during the run is seen rather than queued.
     */
    static void useServiceLevels() {
        CONFIGURED.get(0).setLevel(Level.INFO);
        CONFIGURED.get(1).setLevel(Level.WARNING);
        CONFIGURED.get(2).setLevel(Level.WARNING);
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter("%d{HH:mm:ss} %-5p [%c] %s%e%n"));
        console.setLevel(Level.WARNING);
        CONFIGURED.get(0).addHandler(console);
    }

    /** Whether the FEEL engine's trace statements would be formatted: what the figures must not include. */
    static boolean engineTraceOn() {
        return Logger.getLogger("org.kie.dmn.feel").getEffectiveLevel() <= org.jboss.logmanager.Level.TRACE.intValue();
    }
}
