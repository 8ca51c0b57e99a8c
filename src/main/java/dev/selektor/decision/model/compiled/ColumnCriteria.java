package dev.selektor.decision.model.compiled;

import dev.selektor.audience.AudienceFilter;
import dev.selektor.audience.Criterion;
import dev.selektor.audience.CustomerFact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a cell's test asks of one column, as a criterion on the customer's facts: a number range on a fact, or on
 * days or full years between a date fact and the run date; values of a keyword fact; a boolean fact; a category
 * the customer bought; a date range; a missing value. The run date is known, so a test on it alone is constant.
 */
final class ColumnCriteria {
    private final Column column;
    private final LocalDate runDate;
    private final CustomerFact fact;

    ColumnCriteria(Column column, LocalDate runDate) throws NotCompilable {
        this.column = column;
        this.runDate = runDate;
        if (column.source == Column.Source.RUN_DATE) {
            this.fact = null;
        } else {
            this.fact = CustomerFact.named(column.source.field)
                    .orElseThrow(() -> new NotCompilable("the input \"" + column.text + "\" (not a customer fact)"));
        }
    }

    ValueType type() {
        return column.type;
    }

    /** Whether a customer can lack the value: an optional date, or a measure taken from one. */
    boolean mayBeMissing() {
        return column.source == Column.Source.BIRTH_DATE || column.source == Column.Source.LAST_ORDER_DATE;
    }

    Criterion numberRange(BigDecimal low, boolean lowClosed, BigDecimal high, boolean highClosed) {
        AudienceFilter.Bounds<BigDecimal> bounds = bounds(low, lowClosed, high, highClosed);
        return switch (column.op) {
            case DAYS_SINCE ->
                holds(new AudienceFilter.BeforeRunDate(fact, AudienceFilter.BeforeRunDate.Unit.DAYS, bounds));
            case YEARS_SINCE ->
                holds(new AudienceFilter.BeforeRunDate(fact, AudienceFilter.BeforeRunDate.Unit.YEARS, bounds));
            default -> holds(new AudienceFilter.Range(fact, bounds));
        };
    }

    Criterion dateRange(LocalDate low, boolean lowClosed, LocalDate high, boolean highClosed) {
        if (fact == null) {
            boolean above = low == null || runDate.isAfter(low) || (lowClosed && runDate.isEqual(low));
            boolean below = high == null || runDate.isBefore(high) || (highClosed && runDate.isEqual(high));
            return above && below ? Criterion.ALWAYS : Criterion.NEVER;
        }
        return holds(new AudienceFilter.Range(fact, bounds(low, lowClosed, high, highClosed)));
    }

    Criterion strings(List<String> values) {
        return holds(new AudienceFilter.In(fact, List.copyOf(values)));
    }

    Criterion bool(boolean expected) {
        if (column.op == Column.Op.CONTAINS) {
            Criterion contains = holds(new AudienceFilter.Contains(fact, List.of(column.operand), false));
            return expected ? contains : new Criterion.Not(contains);
        }
        return holds(new AudienceFilter.Is(fact, expected));
    }

    Criterion isNull() {
        return mayBeMissing() ? new Criterion.Missing(fact) : Criterion.NEVER;
    }

    /** A cell's interval as filter bounds: a closed end is gte or lte, an open one gt or lt, a missing one none. */
    private static <T extends Comparable<? super T>> AudienceFilter.Bounds<T> bounds(
            T low, boolean lowClosed, T high, boolean highClosed) {
        Optional<T> from = Optional.ofNullable(low);
        Optional<T> to = Optional.ofNullable(high);
        return new AudienceFilter.Bounds<>(
                lowClosed ? from : Optional.empty(),
                lowClosed ? Optional.empty() : from,
                highClosed ? to : Optional.empty(),
                highClosed ? Optional.empty() : to);
    }

    private static Criterion holds(AudienceFilter filter) {
        return new Criterion.Holds(filter);
    }
}
