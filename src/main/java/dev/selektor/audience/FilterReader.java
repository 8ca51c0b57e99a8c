package dev.selektor.audience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** Reads one filter's condition for its fact's kind; what does not fit is added to the errors with its pointer. */
final class FilterReader {
    private static final Set<String> RANGE = Set.of("gte", "gt", "lte", "lt");

    private final CustomerFact fact;
    private final JsonNode node;
    private final String at;
    private final List<FieldError> errors;

    FilterReader(CustomerFact fact, JsonNode node, String at, List<FieldError> errors) {
        this.fact = fact;
        this.node = node;
        this.at = at;
        this.errors = errors;
    }

    Optional<AudienceFilter> read(List<String> conditions) {
        boolean range = conditions.stream().allMatch(RANGE::contains);
        if (conditions.size() > 1 && !range) {
            return refuse(
                    at,
                    "has " + String.join(" and ", conditions) + ": give one condition a filter (or a range"
                            + " of gte, gt, lte, lt), and another filter for the next");
        }
        String condition = conditions.get(0);
        CustomerFact.Kind kind = fact.kind();
        if (range) {
            return switch (kind) {
                case NUMBER -> bounds(this::numberAt).map(b -> new AudienceFilter.Range(fact, b));
                case DATE -> bounds(this::dateAt).map(b -> new AudienceFilter.Range(fact, b));
                default -> refuse(at + "/" + condition, "does not apply to " + fact.field() + " (" + kindName() + ")");
            };
        }
        return switch (condition) {
            case "in" -> in();
            case "is" ->
                kind == CustomerFact.Kind.BOOLEAN && node.get("is").isBoolean()
                        ? Optional.of(new AudienceFilter.Is(fact, node.get("is").booleanValue()))
                        : refuse(
                                at + "/is",
                                kind == CustomerFact.Kind.BOOLEAN
                                        ? "must be true or false, got " + node.get("is")
                                        : "applies to true/false facts; " + fact.field() + " is " + kindName());
            case "containsAny", "containsAll" -> contains(condition);
            default -> beforeRunDate(condition);
        };
    }

    private Optional<AudienceFilter> in() {
        JsonNode list = node.get("in");
        if (fact.kind() == CustomerFact.Kind.BOOLEAN || fact.kind() == CustomerFact.Kind.KEYWORD_LIST) {
            return refuse(
                    at + "/in",
                    "does not apply to " + fact.field() + " (" + kindName() + "); use "
                            + (fact.kind() == CustomerFact.Kind.BOOLEAN ? "is" : "containsAny or containsAll"));
        }
        if (!list.isArray() || list.isEmpty()) {
            return refuse(at + "/in", "must be a non-empty list of values of " + fact.field());
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = at + "/in/" + i;
            switch (fact.kind()) {
                case NUMBER -> numberAt(list.get(i), where).ifPresent(values::add);
                case DATE -> dateAt(list.get(i), where).ifPresent(values::add);
                default -> textAt(list.get(i), where).ifPresent(values::add);
            }
        }
        return values.size() == list.size() ? Optional.of(new AudienceFilter.In(fact, values)) : Optional.empty();
    }

    private Optional<AudienceFilter> contains(String condition) {
        if (fact.kind() != CustomerFact.Kind.KEYWORD_LIST) {
            return refuse(
                    at + "/" + condition,
                    "applies to list facts (categories); " + fact.field() + " is " + kindName() + ", use in");
        }
        JsonNode list = node.get(condition);
        if (!list.isArray() || list.isEmpty()) {
            return refuse(at + "/" + condition, "must be a non-empty list of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            textAt(list.get(i), at + "/" + condition + "/" + i).ifPresent(values::add);
        }
        return values.size() == list.size()
                ? Optional.of(new AudienceFilter.Contains(fact, values, condition.equals("containsAll")))
                : Optional.empty();
    }

    private Optional<AudienceFilter> beforeRunDate(String condition) {
        if (fact.kind() != CustomerFact.Kind.DATE) {
            return refuse(at + "/" + condition, "applies to dates; " + fact.field() + " is " + kindName());
        }
        JsonNode inner = node.get(condition);
        String where = at + "/" + condition;
        if (!inner.isObject() || inner.isEmpty()) {
            return refuse(where, "must be an object of bounds such as {\"lte\": 365}");
        }
        List<String> unknown = new ArrayList<>();
        inner.fieldNames().forEachRemaining(f -> {
            if (!RANGE.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            return refuse(where + "/" + unknown.get(0), "is not a bound; use gte, gt, lte or lt");
        }
        AudienceFilter.BeforeRunDate.Unit unit = condition.equals("daysBeforeRunDate")
                ? AudienceFilter.BeforeRunDate.Unit.DAYS
                : AudienceFilter.BeforeRunDate.Unit.YEARS;
        return new FilterReader(fact, inner, where, errors)
                .bounds(this::numberAt)
                .map(b -> new AudienceFilter.BeforeRunDate(fact, unit, b));
    }

    private <T extends Comparable<? super T>> Optional<AudienceFilter.Bounds<T>> bounds(
            BiFunction<JsonNode, String, Optional<T>> value) {
        int before = errors.size();
        Optional<T> gte = bound("gte", value);
        Optional<T> gt = bound("gt", value);
        Optional<T> lte = bound("lte", value);
        Optional<T> lt = bound("lt", value);
        return errors.size() == before ? Optional.of(new AudienceFilter.Bounds<>(gte, gt, lte, lt)) : Optional.empty();
    }

    private <T> Optional<T> bound(String name, BiFunction<JsonNode, String, Optional<T>> value) {
        return node.has(name) ? value.apply(node.get(name), at + "/" + name) : Optional.empty();
    }

    private Optional<BigDecimal> numberAt(JsonNode value, String where) {
        return AudienceQueryParser.number(value, where, errors);
    }

    private Optional<LocalDate> dateAt(JsonNode value, String where) {
        return date(value, where, errors);
    }

    static Optional<LocalDate> date(JsonNode value, String where, List<FieldError> errors) {
        try {
            if (value.isTextual()) {
                return Optional.of(LocalDate.parse(value.asText()));
            }
        } catch (DateTimeParseException e) {
            // named below
        }
        errors.add(new FieldError(where, "must be an ISO date such as 2026-11-26, got " + value));
        return Optional.empty();
    }

    private Optional<String> textAt(JsonNode value, String where) {
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        errors.add(new FieldError(where, "must be a string, got " + value));
        return Optional.empty();
    }

    private String kindName() {
        return switch (fact.kind()) {
            case KEYWORD -> "a text";
            case DATE -> "a date";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case KEYWORD_LIST -> "a list of texts";
        };
    }

    private <T> Optional<T> refuse(String where, String message) {
        errors.add(new FieldError(where, message));
        return Optional.empty();
    }
}
