package dev.selektor.decision.model.compiled;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the input entries campaign tables are made of: {@code -}, {@code null}, literals, comparisons
 * ({@code < <= > >= =}), ranges ({@code [500..2000)}, also written {@code ]a..b[}), comma lists of these and
 * {@code not(...)}. A literal must fit the column's type; anything else (a FEEL expression, a function call, a
 * string comparison) is not compiled and the model is left to the engine.
 */
final class CellParser {
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern DATE = Pattern.compile("date\\(\\s*\"(\\d{4}-\\d{2}-\\d{2})\"\\s*\\)");
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>|=)\\s*(.+)");
    private static final Pattern RANGE = Pattern.compile("([\\[(\\]])\\s*(.+?)\\s*\\.\\.\\s*(.+?)\\s*([\\])\\[])");

    private CellParser() {}

    /** The test of one cell, or null for an "any" cell. */
    static CellTest parse(String cell, int column, ValueType type) throws NotCompilable {
        String text = cell == null ? "" : cell.strip();
        if (text.isEmpty() || text.equals("-")) {
            return null;
        }
        if (text.startsWith("not(") && text.endsWith(")")) {
            List<String> parts = split(text.substring(4, text.length() - 1));
            CellTest inner = list(parts, column, type, text);
            boolean testsNull = parts.stream().anyMatch(p -> p.strip().equals("null"));
            return new CellTest.Not(column, inner, testsNull);
        }
        return list(split(text), column, type, text);
    }

    private static CellTest list(List<String> parts, int column, ValueType type, String whole) throws NotCompilable {
        if (parts.isEmpty()) {
            throw new NotCompilable("the cell \"" + whole + "\"");
        }
        if (parts.size() == 1) {
            return one(parts.get(0).strip(), column, type, whole);
        }
        if (type == ValueType.STRING
                && parts.stream().allMatch(p -> STRING.matcher(p.strip()).matches())) {
            String[] values = parts.stream().map(p -> literalString(p.strip())).toArray(String[]::new);
            return new CellTest.StringIn(column, values);
        }
        CellTest[] tests = new CellTest[parts.size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = one(parts.get(i).strip(), column, type, whole);
        }
        return new CellTest.AnyOf(column, tests);
    }

    private static CellTest one(String text, int column, ValueType type, String whole) throws NotCompilable {
        if (text.equals("null")) {
            return new CellTest.IsNull(column);
        }
        Matcher m;
        if ((m = RANGE.matcher(text)).matches()) {
            boolean lowClosed = m.group(1).equals("[");
            boolean highClosed = m.group(4).equals("]");
            return range(column, type, m.group(2), lowClosed, m.group(3), highClosed, whole);
        }
        if ((m = COMPARISON.matcher(text)).matches()) {
            String operand = m.group(2).strip();
            return switch (m.group(1)) {
                case "<" -> range(column, type, null, false, operand, false, whole);
                case "<=" -> range(column, type, null, false, operand, true, whole);
                case ">" -> range(column, type, operand, false, null, false, whole);
                case ">=" -> range(column, type, operand, true, null, false, whole);
                default -> equal(column, type, operand, whole);
            };
        }
        return equal(column, type, text, whole);
    }

    private static CellTest equal(int column, ValueType type, String literal, String whole) throws NotCompilable {
        switch (type) {
            case STRING -> {
                if (STRING.matcher(literal).matches()) {
                    return new CellTest.StringIn(column, new String[] {literalString(literal)});
                }
            }
            case BOOLEAN -> {
                if (literal.equals("true") || literal.equals("false")) {
                    return new CellTest.BooleanIs(column, Boolean.parseBoolean(literal));
                }
            }
            default -> {
                return range(column, type, literal, true, literal, true, whole);
            }
        }
        throw mismatch(whole, type);
    }

    private static CellTest range(
            int column, ValueType type, String low, boolean lowClosed, String high, boolean highClosed, String whole)
            throws NotCompilable {
        if (type == ValueType.NUMBER) {
            return new CellTest.NumberRange(column, number(low, whole), lowClosed, number(high, whole), highClosed);
        }
        if (type == ValueType.DATE) {
            return new CellTest.DateRange(column, date(low, whole), lowClosed, date(high, whole), highClosed);
        }
        throw mismatch(whole, type);
    }

    private static BigDecimal number(String literal, String whole) throws NotCompilable {
        if (literal == null) {
            return null;
        }
        if (!NUMBER.matcher(literal).matches()) {
            throw mismatch(whole, ValueType.NUMBER);
        }
        return new BigDecimal(literal);
    }

    private static LocalDate date(String literal, String whole) throws NotCompilable {
        if (literal == null) {
            return null;
        }
        Matcher m = DATE.matcher(literal);
        if (!m.matches()) {
            throw mismatch(whole, ValueType.DATE);
        }
        try {
            return LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            throw new NotCompilable("the cell \"" + whole + "\" (not a date)");
        }
    }

    /** An output entry or listed output value as FEEL reads the literal: null, a boolean, a number or a string. */
    static Object outputLiteral(String text, String where) throws NotCompilable {
        String t = text == null ? "" : text.strip();
        if (t.equals("null")) {
            return null;
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        if (NUMBER.matcher(t).matches()) {
            return new BigDecimal(t);
        }
        if (STRING.matcher(t).matches()) {
            return literalString(t);
        }
        throw new NotCompilable(where + ": \"" + t + "\" is not a literal");
    }

    static String literalString(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private static NotCompilable mismatch(String whole, ValueType type) {
        return new NotCompilable(
                "the cell \"" + whole + "\" on a " + type.name().toLowerCase() + " input");
    }

    /** Splits on the commas that separate tests, not those inside quotes, brackets or parentheses. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
