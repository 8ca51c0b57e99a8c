package dev.selektor.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The remembered day must turn exactly at midnight in the business zone, also on the days clocks change. */
class BusinessClockTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A clock whose time the test moves. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void everyMinuteOfAYearGivesTheDateInTheZone() {
        // 2026 has both changes of Berlin's clocks (29 March: a 23-hour day; 25 October: a 25-hour day).
        MovableClock time = new MovableClock(Instant.parse("2025-12-31T20:00:00Z"));
        BusinessClock clock = new BusinessClock(time);
        while (time.now.isBefore(Instant.parse("2027-01-01T02:00:00Z"))) {
            assertEquals(LocalDate.ofInstant(time.now, BERLIN), clock.today(BERLIN), time.now.toString());
            time.now = time.now.plus(Duration.ofMinutes(1));
        }
    }

    @Test
    void aClockSetBackGivesTheEarlierDate() {
        MovableClock time = new MovableClock(Instant.parse("2026-11-26T12:00:00Z"));
        BusinessClock clock = new BusinessClock(time);
        assertEquals(LocalDate.of(2026, 11, 26), clock.today(BERLIN));

        time.now = Instant.parse("2026-11-25T22:59:59.999Z");
        assertEquals(LocalDate.of(2026, 11, 25), clock.today(BERLIN));
        time.now = Instant.parse("2026-11-25T23:00:00Z");
        assertEquals(LocalDate.of(2026, 11, 26), clock.today(BERLIN));
    }

    @Test
    void anotherZoneGetsItsOwnDate() {
        MovableClock time = new MovableClock(Instant.parse("2026-11-26T23:30:00Z"));
        BusinessClock clock = new BusinessClock(time);
        assertEquals(LocalDate.of(2026, 11, 27), clock.today(BERLIN));
        assertEquals(LocalDate.of(2026, 11, 26), clock.today(ZoneId.of("America/New_York")));
        assertEquals(LocalDate.of(2026, 11, 27), clock.today(BERLIN));
    }
}
