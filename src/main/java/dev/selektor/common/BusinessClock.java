package dev.selektor.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** "Today" in the configured business zone: the default run date, and the latest date a fact may carry. */
@ApplicationScoped
public class BusinessClock {

    @Inject
    SelektorConfig config;

    private final Clock clock;

    /** The day last answered and the instants (ms) it begins and ends in its zone: asked on every decision. */
    private record Day(ZoneId zone, LocalDate date, long startsAt, long endsAt) {
        boolean contains(ZoneId other, long millis) {
            return millis >= startsAt && millis < endsAt && zone.equals(other);
        }
    }

    private volatile Day last = new Day(ZoneId.of("UTC"), LocalDate.MIN, 0, 0);

    public BusinessClock() {
        this(Clock.systemUTC());
    }

    /** For tests: a clock of their own. */
    BusinessClock(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return today(config.zone());
    }

    LocalDate today(ZoneId zone) {
        long now = clock.millis();
        Day day = last;
        if (!day.contains(zone, now)) {
            // Looked up again once a day (and when the clock goes back); days in the zone may have 23 or 25 hours.
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
            day = new Day(
                    zone,
                    date,
                    date.atStartOfDay(zone).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            last = day;
        }
        return day.date();
    }
}
