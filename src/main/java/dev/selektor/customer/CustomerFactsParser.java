package dev.selektor.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.FieldError;
import dev.selektor.common.IsoDates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a JSON fact record against the contract and builds {@link CustomerFacts}. It collects every broken
 * field rather than stopping at the first, so a caller can fix a record in one go. No coercion: a string
 * where a number or boolean belongs is an error, because silently reading "7" as 7 hides broken feeds.
 */
public final class CustomerFactsParser {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public sealed interface Result {
        record Valid(CustomerFacts facts) implements Result {}

        record Invalid(List<FieldError> errors) implements Result {}
    }

    private CustomerFactsParser() {}

    /** Field names in errors are JSON pointers relative to {@code node}. */
    public static Result parse(JsonNode node, LocalDate today) {
        if (node == null || !node.isObject()) {
            return new Result.Invalid(List.of(new FieldError("", "must be a JSON object with the customer's facts")));
        }
        var reader = new Reader(node, today);
        String customerId = reader.customerId();
        Segment segment = reader.segment();
        String country = reader.country();
        Optional<LocalDate> birthDate = reader.date("birthDate", false);
        Optional<LocalDate> memberSince = reader.date("memberSince", true);
        Boolean consent = reader.bool("marketingConsent");
        Boolean fraud = reader.bool("fraudFlag");
        Integer orders = reader.count("orders12m");
        BigDecimal revenue = reader.number("revenue12m", BigDecimal.ZERO, null);
        BigDecimal returnRate = reader.number("returnRate12m", BigDecimal.ZERO, BigDecimal.ONE);
        Optional<LocalDate> lastOrder = reader.date("lastOrderDate", false);
        List<String> categories = reader.categories();
        if (!reader.errors.isEmpty()) {
            return new Result.Invalid(List.copyOf(reader.errors));
        }
        return new Result.Valid(new CustomerFacts(
                customerId,
                segment,
                country,
                birthDate,
                memberSince.orElseThrow(),
                consent,
                fraud,
                orders,
                revenue,
                returnRate,
                lastOrder,
                categories));
    }

    private static final class Reader {
        private final JsonNode node;
        private final LocalDate today;
        private final List<FieldError> errors = new ArrayList<>();

        Reader(JsonNode node, LocalDate today) {
            this.node = node;
            this.today = today;
        }

        private void error(String field, String message) {
            errors.add(new FieldError("/" + field, message));
        }

        /** The field's value, or null after recording "is required" when absent or null. */
        private JsonNode required(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                error(field, "is required");
                return null;
            }
            return value;
        }

        private String text(String field, String expected) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isTextual()) {
                error(field, "must be a string (" + expected + "), got " + describe(value));
                return null;
            }
            return value.textValue();
        }

        String customerId() {
            String id = text("customerId", "1-64 of A-Z a-z 0-9 _ -");
            if (id != null && !isCustomerId(id)) {
                error("customerId", "must be 1-64 characters of A-Z a-z 0-9 _ -, got \"" + abbreviate(id) + "\"");
                return null;
            }
            return id;
        }

        Segment segment() {
            String value = text("segment", "NEW, REGULAR, VIP or DORMANT");
            if (value == null) {
                return null;
            }
            try {
                return Segment.valueOf(value);
            } catch (IllegalArgumentException e) {
                error("segment", "must be one of NEW, REGULAR, VIP, DORMANT, got \"" + abbreviate(value) + "\"");
                return null;
            }
        }

        String country() {
            String value = text("country", "ISO 3166-1 alpha-2 code");
            if (value != null && !COUNTRIES.contains(value)) {
                String hint =
                        COUNTRIES.contains(value.toUpperCase(Locale.ROOT)) ? " (country codes are upper case)" : "";
                error(
                        "country",
                        "must be an ISO 3166-1 alpha-2 code such as DE, got \"" + abbreviate(value) + "\"" + hint);
                return null;
            }
            return value;
        }

        Optional<LocalDate> date(String field, boolean mandatory) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (mandatory) {
                    error(field, "is required");
                }
                return Optional.empty();
            }
            if (!value.isTextual()) {
                error(field, "must be an ISO date such as 2026-11-26, got " + describe(value));
                return Optional.empty();
            }
            try {
                LocalDate date = IsoDates.parse(value.textValue());
                if (date.isAfter(today)) {
                    error(field, "must not lie after today (" + today + "), got " + date);
                    return Optional.empty();
                }
                return Optional.of(date);
            } catch (DateTimeParseException e) {
                error(field, "must be an ISO date such as 2026-11-26, got \"" + abbreviate(value.textValue()) + "\"");
                return Optional.empty();
            }
        }

        Boolean bool(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isBoolean()) {
                error(field, "must be true or false, got " + describe(value));
                return null;
            }
            return value.booleanValue();
        }

        Integer count(String field) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                error(field, "must be a whole number >= 0, got " + describe(value));
                return null;
            }
            if (value.intValue() < 0) {
                error(field, "must be >= 0, got " + value.intValue());
                return null;
            }
            return value.intValue();
        }

        BigDecimal number(String field, BigDecimal min, BigDecimal max) {
            JsonNode value = required(field);
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                error(field, "must be a number, got " + describe(value));
                return null;
            }
            BigDecimal number = value.decimalValue();
            if (number.compareTo(min) < 0 || (max != null && number.compareTo(max) > 0)) {
                String range = max == null
                        ? ">= " + min.toPlainString()
                        : "between " + min.toPlainString() + " and " + max.toPlainString();
                error(field, "must be " + range + ", got " + number.toPlainString());
                return null;
            }
            return number;
        }

        List<String> categories() {
            JsonNode value = node.get("categories");
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                error("categories", "must be an array of strings, got " + describe(value));
                return List.of();
            }
            List<String> categories = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isTextual()) {
                    error("categories/" + i, "must be a string, got " + describe(item));
                } else {
                    categories.add(item.textValue());
                }
            }
            return categories;
        }

        private static String describe(JsonNode value) {
            if (value.isTextual()) {
                return "the string \"" + abbreviate(value.textValue()) + "\"";
            }
            if (value.isNumber()) {
                return "the number " + value.asText();
            }
            if (value.isBoolean()) {
                return value.asText();
            }
            return value.isArray()
                    ? "an array"
                    : value.isObject()
                            ? "an object"
                            : value.getNodeType().name().toLowerCase(Locale.ROOT);
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "...";
        }
    }

    /**
     * Whether the text is a customer id of the contract: 1-64 characters of A-Z a-z 0-9 _ -. A loop rather than a
     * regular expression, because every decision with facts in its body checks one.
     */
    public static boolean isCustomerId(String text) {
        int n = text.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
