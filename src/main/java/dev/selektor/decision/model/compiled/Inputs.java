package dev.selektor.decision.model.compiled;

import dev.selektor.customer.CustomerFacts;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The input values of one evaluation, read lazily: a FIRST table that decides at its second row never computes
 * the columns only later rows test. One instance per thread is reused, so a decision allocates nothing here.
 * Numbers are kept as a double for the comparison and, when they came as a BigDecimal, that value too, for the
 * exact comparison the double cannot settle (see {@link CellTest.NumberRange}).
 */
final class Inputs {
    static final int MAX_COLUMNS = 64;
    private static final ThreadLocal<Inputs> PER_THREAD = ThreadLocal.withInitial(Inputs::new);

    CustomerFacts facts;
    LocalDate runDate;
    /** A generic model's inputs by name, as FEEL values. */
    java.util.Map<String, Object> context;

    private Column[] columns;
    private long ready;
    private long nulls;
    private final double[] numbers = new double[MAX_COLUMNS];
    private final Object[] values = new Object[MAX_COLUMNS];

    static Inputs forThread(Column[] columns, CustomerFacts facts, LocalDate runDate) {
        Inputs in = PER_THREAD.get();
        in.columns = columns;
        in.facts = facts;
        in.runDate = runDate;
        in.context = null;
        in.ready = 0;
        in.nulls = 0;
        return in;
    }

    static Inputs forThread(Column[] columns, java.util.Map<String, Object> context) {
        Inputs in = forThread(columns, null, null);
        in.context = context;
        return in;
    }

    /** Drops the references to the last customer, so a pooled thread does not keep it alive. */
    void release() {
        facts = null;
        context = null;
        java.util.Arrays.fill(values, 0, columns.length, null);
    }

    Column column(int index) {
        return columns[index];
    }

    private void ensure(int index) {
        if ((ready & (1L << index)) == 0) {
            ready |= 1L << index; // first, so that a column's allowed-values test can read the value just set
            columns[index].read(this, index);
        }
    }

    boolean isNull(int index) {
        ensure(index);
        return (nulls & (1L << index)) != 0;
    }

    double number(int index) {
        ensure(index);
        return numbers[index];
    }

    /** The exact number; only for a non-null number column. */
    BigDecimal exact(int index) {
        ensure(index);
        return values[index] instanceof BigDecimal d ? d : BigDecimal.valueOf((long) numbers[index]);
    }

    Object value(int index) {
        ensure(index);
        return values[index];
    }

    void setLong(int index, long value) {
        numbers[index] = value;
        values[index] = null;
    }

    void setDecimal(int index, BigDecimal value) {
        if (value == null) {
            setValue(index, null);
            return;
        }
        numbers[index] = value.doubleValue();
        values[index] = value;
    }

    void setValue(int index, Object value) {
        values[index] = value;
        if (value == null) {
            nulls |= 1L << index;
        }
    }
}
