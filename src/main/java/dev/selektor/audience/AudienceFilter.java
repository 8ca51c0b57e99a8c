package dev.selektor.audience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** One condition of an audience question (contract section 9); a customer counts when all of them hold. */
public sealed interface AudienceFilter {

    CustomerFact fact();

    /** The fact is one of these values (keywords, numbers or dates as given). */
    record In(CustomerFact fact, List<Object> values) implements AudienceFilter {}

    /** A number or date fact within bounds; an absent bound does not limit. */
    record Range(CustomerFact fact, Bounds<?> bounds) implements AudienceFilter {}

    /**
     * A date fact a number of whole days (or whole years, as {@code years and months duration(fact, Run Date).years}
     * counts them) before the run date; a customer without the date never matches, as in a decision table.
     */
    record BeforeRunDate(CustomerFact fact, Unit unit, Bounds<BigDecimal> bounds) implements AudienceFilter {
        public enum Unit {
            DAYS,
            YEARS
        }
    }

    /** A list fact holding at least one of these values, or all of them. */
    record Contains(CustomerFact fact, List<String> values, boolean all) implements AudienceFilter {}

    /** A boolean fact. */
    record Is(CustomerFact fact, boolean value) implements AudienceFilter {}

    /** Lower and upper bound, each inclusive or not. */
    record Bounds<T extends Comparable<? super T>>(Optional<T> gte, Optional<T> gt, Optional<T> lte, Optional<T> lt) {}

    /**
     * Dates of the fact from {@code from} to {@code to}, both inclusive, an absent one unbounded: what a
     * {@link BeforeRunDate} filter asks of a given run date; {@code none} when no date can meet it.
     */
    record DateWindow(Optional<LocalDate> from, Optional<LocalDate> to, boolean none) {}
}
