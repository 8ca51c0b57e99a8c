package dev.selektor.decision.model.compiled;

import dev.selektor.audience.Criterion;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One input entry of a rule, compiled to a test of one column's value with FEEL's meaning: a comparison with
 * null is not a match; equality of numbers is numeric ({@code 5} matches 5.00). "Any" cells ({@code -}) are not
 * compiled at all: a rule only holds the tests that can fail.
 */
abstract sealed class CellTest {
    final int column;

    CellTest(int column) {
        this.column = column;
    }

    abstract boolean test(Inputs in);

    /** The same test as a criterion on the customer's facts, for counting in an index; or why it cannot be one. */
    abstract Criterion criterion(ColumnCriteria on) throws NotCompilable;

    /** Comparisons, equality and ranges of numbers: one interval with optional, open or closed, ends. */
    static final class NumberRange extends CellTest {
        private final boolean hasLow;
        private final double low;
        private final BigDecimal lowExact;
        private final boolean lowClosed;
        private final boolean hasHigh;
        private final double high;
        private final BigDecimal highExact;
        private final boolean highClosed;

        NumberRange(int column, BigDecimal low, boolean lowClosed, BigDecimal high, boolean highClosed) {
            super(column);
            this.hasLow = low != null;
            this.low = low == null ? 0 : low.doubleValue();
            this.lowExact = low;
            this.lowClosed = lowClosed;
            this.hasHigh = high != null;
            this.high = high == null ? 0 : high.doubleValue();
            this.highExact = high;
            this.highClosed = highClosed;
        }

        @Override
        boolean test(Inputs in) {
            if (in.isNull(column)) {
                return false;
            }
            double x = in.number(column);
            if (hasLow) {
                int c = compare(in, x, low, lowExact);
                if (c < 0 || (c == 0 && !lowClosed)) {
                    return false;
                }
            }
            if (hasHigh) {
                int c = compare(in, x, high, highExact);
                return c < 0 || (c == 0 && highClosed);
            }
            return true;
        }

        /**
         * Rounding to double keeps order, so a double comparison that is not a tie is the exact answer; only a
         * tie (the same double for two different decimals, or a real equality) needs the decimals.
         */
        private int compare(Inputs in, double x, double bound, BigDecimal boundExact) {
            if (x < bound) {
                return -1;
            }
            if (x > bound) {
                return 1;
            }
            return in.exact(column).compareTo(boundExact);
        }

        @Override
        Criterion criterion(ColumnCriteria on) {
            return on.numberRange(lowExact, lowClosed, highExact, highClosed);
        }
    }

    /** String equality with one or more literals: {@code "VIP"}, {@code "DE","AT"}. */
    static final class StringIn extends CellTest {
        private final String[] values;

        StringIn(int column, String[] values) {
            super(column);
            this.values = values.clone();
        }

        @Override
        boolean test(Inputs in) {
            Object value = in.value(column);
            if (value == null) {
                return false;
            }
            for (String v : values) {
                if (v.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        Criterion criterion(ColumnCriteria on) {
            return on.strings(List.of(values));
        }
    }

    /** {@code true} or {@code false}. */
    static final class BooleanIs extends CellTest {
        private final Boolean expected;

        BooleanIs(int column, boolean expected) {
            super(column);
            this.expected = expected;
        }

        @Override
        boolean test(Inputs in) {
            return expected.equals(in.value(column));
        }

        @Override
        Criterion criterion(ColumnCriteria on) {
            return on.bool(expected);
        }
    }

    /** Comparisons, equality and ranges of dates written {@code date("2026-01-01")}. */
    static final class DateRange extends CellTest {
        private final LocalDate low;
        private final boolean lowClosed;
        private final LocalDate high;
        private final boolean highClosed;

        DateRange(int column, LocalDate low, boolean lowClosed, LocalDate high, boolean highClosed) {
            super(column);
            this.low = low;
            this.lowClosed = lowClosed;
            this.high = high;
            this.highClosed = highClosed;
        }

        @Override
        boolean test(Inputs in) {
            if (!(in.value(column) instanceof LocalDate date)) {
                return false;
            }
            if (low != null) {
                int c = date.compareTo(low);
                if (c < 0 || (c == 0 && !lowClosed)) {
                    return false;
                }
            }
            if (high != null) {
                int c = date.compareTo(high);
                return c < 0 || (c == 0 && highClosed);
            }
            return true;
        }

        @Override
        Criterion criterion(ColumnCriteria on) {
            return on.dateRange(low, lowClosed, high, highClosed);
        }
    }

    /** {@code null}: matches exactly when the input has no value. */
    static final class IsNull extends CellTest {
        IsNull(int column) {
            super(column);
        }

        @Override
        boolean test(Inputs in) {
            return in.isNull(column);
        }

        @Override
        Criterion criterion(ColumnCriteria on) {
            return on.isNull();
        }
    }

    /** A comma-separated list of tests: matches when one of them does. */
    static final class AnyOf extends CellTest {
        private final CellTest[] tests;

        AnyOf(int column, CellTest[] tests) {
            super(column);
            this.tests = tests.clone();
        }

        @Override
        boolean test(Inputs in) {
            for (CellTest t : tests) {
                if (t.test(in)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        Criterion criterion(ColumnCriteria on) throws NotCompilable {
            List<Criterion> parts = new ArrayList<>();
            for (CellTest t : tests) {
                parts.add(t.criterion(on));
            }
            return Criterion.anyOf(parts);
        }
    }

    /**
     * {@code not(...)}. On a value it is the negation; on a null FEEL's three-valued logic and the engine's
     * reading of it decide, so that one evaluation is left to the engine.
     */
    static final class Not extends CellTest {
        private final CellTest inner;
        private final boolean innerTestsNull;

        Not(int column, CellTest inner, boolean innerTestsNull) {
            super(column);
            this.inner = inner;
            this.innerTestsNull = innerTestsNull;
        }

        @Override
        boolean test(Inputs in) {
            if (in.isNull(column) && !innerTestsNull) {
                throw Undecided.INSTANCE;
            }
            return !inner.test(in);
        }

        /** Without a value the engine's reading decides, which an index cannot count; with one it is a negation. */
        @Override
        Criterion criterion(ColumnCriteria on) throws NotCompilable {
            if (on.mayBeMissing() && !innerTestsNull) {
                throw new NotCompilable("not(...) on a value a customer may lack, which the engine alone judges");
            }
            return new Criterion.Not(inner.criterion(on));
        }
    }
}
