package dev.selektor.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;

/** "Today" in the configured business zone: the default run date, and the latest date a fact may carry. */
@ApplicationScoped
public class BusinessClock {

    @Inject
    SelektorConfig config;

    private final Clock clock = Clock.systemUTC();

    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.zone()));
    }
}
