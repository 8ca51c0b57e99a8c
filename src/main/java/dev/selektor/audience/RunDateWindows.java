package dev.selektor.audience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns "so many days or full years before the run date" into a window of dates on the fact, so that an index
 * answers it with a plain date range. Both measures only shrink as the fact's date grows, so each bound is the edge
 * of a monotone predicate and is found by bisection over the days: exact by construction, whatever the calendar
 * does at month ends and leap days, and for fractional or negative bounds.
 */
public final class RunDateWindows {
    /** Dates this far from the run date either way are beyond any customer's. */
    private static final long REACH_DAYS = 400L * 366;

    private RunDateWindows() {}

    /** Whole days from the fact to the run date, as {@code (Run Date - fact).days}. */
    public static long days(LocalDate fact, LocalDate runDate) {
        return ChronoUnit.DAYS.between(fact, runDate);
    }

    /** Whole years from the fact to the run date, as {@code years and months duration(fact, Run Date).years}. */
    public static long years(LocalDate fact, LocalDate runDate) {
        return Period.between(fact, runDate).toTotalMonths() / 12;
    }

    public static AudienceFilter.DateWindow of(AudienceFilter.BeforeRunDate filter, LocalDate runDate) {
        ToLongFunction<LocalDate> measure = filter.unit() == AudienceFilter.BeforeRunDate.Unit.DAYS
                ? fact -> days(fact, runDate)
                : fact -> years(fact, runDate);
        AudienceFilter.Bounds<BigDecimal> b = filter.bounds();
        long first = runDate.toEpochDay() - REACH_DAYS;
        long last = runDate.toEpochDay() + REACH_DAYS;
        // Lower bounds on the measure hold up to some date (later facts measure less): they cap the window's end.
        Predicate<LocalDate> atLeast =
                fact -> holds(b.gte(), v -> measured(measure, fact).compareTo(v) >= 0)
                        && holds(b.gt(), v -> measured(measure, fact).compareTo(v) > 0);
        // Upper bounds hold from some date on: they set the window's start.
        Predicate<LocalDate> atMost =
                fact -> holds(b.lte(), v -> measured(measure, fact).compareTo(v) <= 0)
                        && holds(b.lt(), v -> measured(measure, fact).compareTo(v) < 0);
        Optional<LocalDate> to = Optional.empty();
        if (b.gte().isPresent() || b.gt().isPresent()) {
            if (!atLeast.test(LocalDate.ofEpochDay(first))) {
                return new AudienceFilter.DateWindow(Optional.empty(), Optional.empty(), true);
            }
            to = Optional.of(LocalDate.ofEpochDay(lastHolding(atLeast, first, last)));
        }
        Optional<LocalDate> from = Optional.empty();
        if (b.lte().isPresent() || b.lt().isPresent()) {
            if (!atMost.test(LocalDate.ofEpochDay(last))) {
                return new AudienceFilter.DateWindow(Optional.empty(), Optional.empty(), true);
            }
            from = Optional.of(LocalDate.ofEpochDay(firstHolding(atMost, first, last)));
        }
        boolean none = from.isPresent() && to.isPresent() && from.get().isAfter(to.get());
        return new AudienceFilter.DateWindow(from, to, none);
    }

    private static BigDecimal measured(ToLongFunction<LocalDate> measure, LocalDate fact) {
        return BigDecimal.valueOf(measure.applyAsLong(fact));
    }

    private static boolean holds(Optional<BigDecimal> bound, Predicate<BigDecimal> test) {
        return bound.map(test::test).orElse(true);
    }

    /** The last day in [first, last] on which a predicate that holds at {@code first} and then stops still holds. */
    private static long lastHolding(Predicate<LocalDate> p, long first, long last) {
        return p.test(LocalDate.ofEpochDay(last)) ? last : edge(p, first, last) - 1;
    }

    /** The first day in [first, last] from which on a predicate that holds at {@code last} holds. */
    private static long firstHolding(Predicate<LocalDate> p, long first, long last) {
        return p.test(LocalDate.ofEpochDay(first)) ? first : edge(p.negate(), first, last);
    }

    /** The first day after {@code first} on which a predicate that holds at {@code first} no longer holds. */
    private static long edge(Predicate<LocalDate> holdsBefore, long first, long last) {
        long holds = first;
        long fails = last;
        while (fails - holds > 1) {
            long mid = holds + (fails - holds) / 2;
            if (holdsBefore.test(LocalDate.ofEpochDay(mid))) {
                holds = mid;
            } else {
                fails = mid;
            }
        }
        return fails;
    }
}
