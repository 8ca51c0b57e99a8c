package dev.selektor.decision.model.compiled;

import dev.selektor.customer.CustomerFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One input of a compiled table: an input expression of a form the compiler recognises, read straight from the
 * customer's facts instead of from a FEEL context built for the engine. The forms are the ones campaign tables
 * use: a fact ({@code Customer.revenue12m}), the run date, {@code list contains(Customer.categories, "x")},
 * days since a date ({@code (Run Date - Customer.lastOrderDate).days}) and full years since a date
 * ({@code years and months duration(Customer.memberSince, Run Date).years}). Anything else is not compiled.
 */
final class Column {

    /** Where the value comes from. */
    enum Source {
        CUSTOMER_ID("customerId", ValueType.STRING),
        SEGMENT("segment", ValueType.STRING),
        COUNTRY("country", ValueType.STRING),
        BIRTH_DATE("birthDate", ValueType.DATE),
        MEMBER_SINCE("memberSince", ValueType.DATE),
        MARKETING_CONSENT("marketingConsent", ValueType.BOOLEAN),
        FRAUD_FLAG("fraudFlag", ValueType.BOOLEAN),
        ORDERS("orders12m", ValueType.NUMBER),
        REVENUE("revenue12m", ValueType.NUMBER),
        RETURN_RATE("returnRate12m", ValueType.NUMBER),
        LAST_ORDER_DATE("lastOrderDate", ValueType.DATE),
        CATEGORIES("categories", null),
        RUN_DATE("Run Date", ValueType.DATE),
        /** A value of a generic model's inputs, by input name and component path (generic evaluation). */
        CONTEXT("", null);

        final String field;
        final ValueType type;

        Source(String field, ValueType type) {
            this.field = field;
            this.type = type;
        }

        static Optional<Source> ofField(String field) {
            for (Source source : values()) {
                if (source != RUN_DATE && source.field.equals(field)) {
                    return Optional.of(source);
                }
            }
            return Optional.empty();
        }
    }

    /** What is done with the source value. */
    enum Op {
        VALUE,
        DAYS_SINCE,
        YEARS_SINCE,
        CONTAINS
    }

    private static final Pattern FACT = Pattern.compile("Customer\\.([A-Za-z0-9_]+)");
    private static final Pattern CONTAINS =
            Pattern.compile("list contains\\(Customer\\.categories, \"([^\"\\\\]*)\"\\)");
    private static final Pattern DAYS_SINCE = Pattern.compile("\\(Run Date - Customer\\.([A-Za-z0-9_]+)\\)\\.days");
    private static final Pattern YEARS_SINCE =
            Pattern.compile("years and months duration\\(Customer\\.([A-Za-z0-9_]+), Run Date\\)\\.years");

    final Source source;
    final Op op;
    final ValueType type;
    final String text;
    final String operand;
    /** For {@link Source#CONTEXT}: the input name, then component names. */
    private final String[] path;
    /** The input's allowed values as a test on this column's own slot; null when it lists none. */
    private final CellTest allowed;

    private Column(Source source, Op op, ValueType type, String text, String operand) {
        this(source, op, type, text, operand, null, null);
    }

    private Column(Source source, Op op, ValueType type, String text, String operand, String[] path, CellTest allowed) {
        this.source = source;
        this.op = op;
        this.type = type;
        this.text = text;
        this.operand = operand;
        this.path = path;
        this.allowed = allowed;
    }

    /** A column of a generic model: the value at {@code path} of the evaluation's inputs, declared of {@code type}. */
    static Column ofPath(String text, String[] path, ValueType type) {
        return new Column(Source.CONTEXT, Op.VALUE, type, text, null, path.clone(), null);
    }

    /**
     * The same column, whose values outside the input's allowed values (unary tests, as in a cell; null or blank
     * when it lists none), and whose missing values, go to the engine: it reports them in its own words.
     *
     * @param index this column's own index in its table
     */
    Column withAllowedValues(String inputValues, int index) throws NotCompilable {
        CellTest allowed = CellParser.parse(inputValues, index, type);
        return allowed == null ? this : new Column(source, op, type, text, operand, path, allowed);
    }

    /** The column an input expression stands for, or why it is not one the compiler knows. */
    static Column of(String expression) throws NotCompilable {
        String text = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
        Matcher m;
        if (text.equals("Run Date")) {
            return new Column(Source.RUN_DATE, Op.VALUE, ValueType.DATE, text, null);
        }
        if ((m = FACT.matcher(text)).matches()) {
            Source source = fact(m.group(1), text);
            if (source.type == null) {
                throw new NotCompilable("the input expression \"" + text + "\" (a list as a table input)");
            }
            return new Column(source, Op.VALUE, source.type, text, null);
        }
        if ((m = CONTAINS.matcher(text)).matches()) {
            return new Column(Source.CATEGORIES, Op.CONTAINS, ValueType.BOOLEAN, text, m.group(1));
        }
        if ((m = DAYS_SINCE.matcher(text)).matches() || (m = YEARS_SINCE.matcher(text)).matches()) {
            Source source = fact(m.group(1), text);
            if (source.type != ValueType.DATE) {
                throw new NotCompilable(
                        "the input expression \"" + text + "\" (date arithmetic on a " + source.field + ")");
            }
            Op op = text.startsWith("(") ? Op.DAYS_SINCE : Op.YEARS_SINCE;
            return new Column(source, op, ValueType.NUMBER, text, null);
        }
        throw new NotCompilable("the expression \"" + text + "\"");
    }

    private static Source fact(String field, String text) throws NotCompilable {
        return Source.ofField(field)
                .orElseThrow(() -> new NotCompilable("the expression \"" + text + "\" (no such customer fact)"));
    }

    /** Reads this column into slot {@code index} of {@code in}. */
    void read(Inputs in, int index) {
        if (source == Source.CONTEXT) {
            readContext(in, index);
        } else {
            readFacts(in, index);
        }
        if (allowed != null && (in.isNull(index) || !allowed.test(in))) {
            throw Undecided.INSTANCE;
        }
    }

    private void readFacts(Inputs in, int index) {
        CustomerFacts facts = in.facts;
        switch (op) {
            case VALUE -> {
                switch (source) {
                    case ORDERS -> in.setLong(index, facts.orders12m());
                    case REVENUE -> in.setDecimal(index, facts.revenue12m());
                    case RETURN_RATE -> in.setDecimal(index, facts.returnRate12m());
                    case CUSTOMER_ID -> in.setValue(index, facts.customerId());
                    case SEGMENT -> in.setValue(index, facts.segment().name());
                    case COUNTRY -> in.setValue(index, facts.country());
                    case MARKETING_CONSENT -> in.setValue(index, facts.marketingConsent());
                    case FRAUD_FLAG -> in.setValue(index, facts.fraudFlag());
                    default -> in.setValue(index, date(in));
                }
            }
            case CONTAINS -> in.setValue(index, facts.categories().contains(operand));
            case DAYS_SINCE -> {
                LocalDate date = date(in);
                if (date == null || in.runDate == null) {
                    in.setValue(index, null);
                } else {
                    in.setLong(index, in.runDate.toEpochDay() - date.toEpochDay());
                }
            }
            case YEARS_SINCE -> {
                LocalDate date = date(in);
                if (date == null || in.runDate == null) {
                    in.setValue(index, null);
                } else {
                    in.setLong(index, Period.between(date, in.runDate).toTotalMonths() / 12);
                }
            }
        }
    }

    /**
     * A generic model's input value. A value of another type than declared is the engine's to judge (type errors, its
     * own messages), so that evaluation goes to the engine.
     */
    private void readContext(Inputs in, int index) {
        Object value = in.context.get(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = value instanceof java.util.Map<?, ?> map ? map.get(path[i]) : null;
        }
        if (value == null) {
            in.setValue(index, null);
            return;
        }
        switch (type) {
            case NUMBER -> {
                if (!(value instanceof BigDecimal number)) {
                    throw Undecided.INSTANCE;
                }
                in.setDecimal(index, number);
            }
            case STRING -> in.setValue(index, checked(value, String.class));
            case BOOLEAN -> in.setValue(index, checked(value, Boolean.class));
            case DATE -> in.setValue(index, checked(value, LocalDate.class));
        }
    }

    private static Object checked(Object value, Class<?> type) {
        if (!type.isInstance(value)) {
            throw Undecided.INSTANCE;
        }
        return value;
    }

    /** The value as the engine would hand it on: a number as BigDecimal. */
    static Object feelValue(Inputs in, int index) {
        if (in.isNull(index)) {
            return null;
        }
        return in.column(index).type == ValueType.NUMBER ? in.exact(index) : in.value(index);
    }

    private LocalDate date(Inputs in) {
        CustomerFacts facts = in.facts;
        return switch (source) {
            case BIRTH_DATE -> facts.birthDate().orElse(null);
            case MEMBER_SINCE -> facts.memberSince();
            case LAST_ORDER_DATE -> facts.lastOrderDate().orElse(null);
            case RUN_DATE -> in.runDate;
            default -> throw new IllegalStateException(source + " is not a date");
        };
    }

    static BigDecimal decimal(long value) {
        return BigDecimal.valueOf(value);
    }
}
