package dev.selektor.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.audience.AudienceFilter.BeforeRunDate.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A window of dates answers "so many days or years before the run date" for exactly the customers the decision
 * table's expression picks, leap days and month ends included: checked against the measure itself over many
 * run dates, fact dates and bounds.
 */
class RunDateWindowsTest {
    private static final LocalDate[] AWKWARD_RUN_DATES = {
        LocalDate.parse("2024-02-29"), LocalDate.parse("2025-02-28"), LocalDate.parse("2026-03-31"),
        LocalDate.parse("2026-11-26"), LocalDate.parse("2028-03-01"), LocalDate.parse("2026-12-31")
    };

    @Test
    void aWindowHoldsExactlyTheDatesWhoseMeasureMeetsTheBounds() {
        Random random = new Random(20261206);
        for (int i = 0; i < 4_000; i++) {
            LocalDate runDate = i % 2 == 0
                    ? AWKWARD_RUN_DATES[random.nextInt(AWKWARD_RUN_DATES.length)]
                    : LocalDate.parse("2000-01-01").plusDays(random.nextInt(12_000));
            Unit unit = random.nextBoolean() ? Unit.DAYS : Unit.YEARS;
            int scale = unit == Unit.DAYS ? 2_000 : 90;
            AudienceFilter.Bounds<BigDecimal> bounds = new AudienceFilter.Bounds<>(
                    maybe(random, scale), maybe(random, scale), maybe(random, scale), maybe(random, scale));
            AudienceFilter.BeforeRunDate filter =
                    new AudienceFilter.BeforeRunDate(CustomerFact.MEMBER_SINCE, unit, bounds);
            AudienceFilter.DateWindow window = RunDateWindows.of(filter, runDate);
            for (int j = 0; j < 60; j++) {
                LocalDate fact = j < 10
                        ? edgeOf(window, random)
                        : runDate.minusDays(random.nextInt(scale * (unit == Unit.DAYS ? 2 : 800)) - 200);
                long measure =
                        unit == Unit.DAYS ? RunDateWindows.days(fact, runDate) : RunDateWindows.years(fact, runDate);
                assertEquals(
                        meets(BigDecimal.valueOf(measure), bounds),
                        inside(fact, window),
                        () -> "run date " + runDate + ", fact " + fact + ", " + unit + " " + measure + ", " + bounds
                                + " -> " + window);
            }
        }
    }

    @Test
    void theYearsOfALeapDayBirthdayCountAsTheDecisionTableCountsThem() {
        AudienceFilter.BeforeRunDate atLeastOne = new AudienceFilter.BeforeRunDate(
                CustomerFact.BIRTH_DATE,
                Unit.YEARS,
                new AudienceFilter.Bounds<>(
                        Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty(), Optional.empty()));
        AudienceFilter.DateWindow window = RunDateWindows.of(atLeastOne, LocalDate.parse("2025-02-28"));
        assertEquals(Optional.of(LocalDate.parse("2024-02-28")), window.to());
        assertEquals(0, RunDateWindows.years(LocalDate.parse("2024-02-29"), LocalDate.parse("2025-02-28")));
    }

    private static Optional<BigDecimal> maybe(Random random, int scale) {
        if (random.nextInt(3) != 0) {
            return Optional.empty();
        }
        BigDecimal whole = BigDecimal.valueOf(random.nextInt(scale + 20) - 10);
        return Optional.of(random.nextInt(5) == 0 ? whole.add(new BigDecimal("0.5")) : whole);
    }

    private static LocalDate edgeOf(AudienceFilter.DateWindow window, Random random) {
        LocalDate edge = random.nextBoolean()
                ? window.from().or(window::to).orElse(LocalDate.parse("2026-01-01"))
                : window.to().or(window::from).orElse(LocalDate.parse("2026-01-01"));
        return edge.plusDays(random.nextInt(3) - 1);
    }

    private static boolean meets(BigDecimal v, AudienceFilter.Bounds<BigDecimal> b) {
        return b.gte().map(x -> v.compareTo(x) >= 0).orElse(true)
                && b.gt().map(x -> v.compareTo(x) > 0).orElse(true)
                && b.lte().map(x -> v.compareTo(x) <= 0).orElse(true)
                && b.lt().map(x -> v.compareTo(x) < 0).orElse(true);
    }

    private static boolean inside(LocalDate fact, AudienceFilter.DateWindow w) {
        return !w.none()
                && w.from().map(f -> !fact.isBefore(f)).orElse(true)
                && w.to().map(t -> !fact.isAfter(t)).orElse(true);
    }
}
