package dev.selektor.decision.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.FieldError;
import dev.selektor.decision.model.convention.CampaignConventions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.feel.runtime.functions.DateAndTimeFunction;
import org.kie.dmn.feel.runtime.functions.DateFunction;
import org.kie.dmn.feel.runtime.functions.DurationFunction;
import org.kie.dmn.feel.runtime.functions.FEELFnResult;
import org.kie.dmn.feel.runtime.functions.TimeFunction;

/**
 * Turns the JSON value of one input into the value the DMN engine expects for the input's declared type: numbers
 * as BigDecimal, dates, times and durations parsed as FEEL's own conversion functions parse them, lists item by
 * item, structures component by component. A value of the wrong JSON kind is an error naming the input, because
 * the engine would otherwise turn it into a silent null deep inside a table.
 */
final class ModelInputs {
    private ModelInputs() {}

    /** @param pointer the JSON pointer of the value in the request, for error messages */
    static Object convert(JsonNode value, DMNType type, String pointer, List<FieldError> errors) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (type == null) {
            return untyped(value);
        }
        DMNType listType = listType(type);
        if (listType != null) {
            if (!value.isArray()) {
                errors.add(new FieldError(
                        pointer, "must be a list (" + TypeDescription.of(type) + "), was " + kind(value)));
                return null;
            }
            List<Object> items = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                // A list of structures declares the components itself; a list of anything else rests on its item type.
                items.add(
                        listType.isComposite()
                                ? structure(value.get(i), listType, pointer + "/" + i, errors)
                                : convert(value.get(i), listType.getBaseType(), pointer + "/" + i, errors));
            }
            return items;
        }
        if (type.isComposite()) {
            return structure(value, type, pointer, errors);
        }
        String builtIn = CampaignConventions.builtInName(type);
        return switch (builtIn == null ? "Any" : builtIn) {
            case "number" -> value.isNumber() ? value.decimalValue() : wrong(pointer, "a number", value, errors);
            case "string" -> value.isTextual() ? value.textValue() : wrong(pointer, "a string", value, errors);
            case "boolean" -> value.isBoolean() ? value.booleanValue() : wrong(pointer, "true or false", value, errors);
            case "date" ->
                temporal(value, pointer, "a date such as \"2026-11-26\"", DateFunction.INSTANCE::invoke, errors);
            case "time" ->
                temporal(value, pointer, "a time such as \"10:30:00\"", TimeFunction.INSTANCE::invoke, errors);
            case "date and time", "dateTime" ->
                temporal(
                        value,
                        pointer,
                        "a date and time such as \"2026-11-26T10:30:00\"",
                        DateAndTimeFunction.INSTANCE::invoke,
                        errors);
            case "days and time duration",
                    "dayTimeDuration",
                    "years and months duration",
                    "yearMonthDuration",
                    "duration" ->
                temporal(
                        value,
                        pointer,
                        "a duration such as \"P1DT2H\" or \"P1Y2M\"",
                        DurationFunction.INSTANCE::invoke,
                        errors);
            default -> untyped(value);
        };
    }

    private static Object wrong(String pointer, String expected, JsonNode value, List<FieldError> errors) {
        errors.add(new FieldError(pointer, "must be " + expected + ", was " + kind(value)));
        return null;
    }

    private static Object temporal(
            JsonNode value,
            String pointer,
            String expected,
            Function<String, FEELFnResult<?>> parse,
            List<FieldError> errors) {
        if (!value.isTextual()) {
            return wrong(pointer, expected, value, errors);
        }
        FEELFnResult<?> parsed = parse.apply(value.textValue());
        if (parsed.isLeft()) {
            errors.add(new FieldError(pointer, "must be " + expected + ", was \"" + value.textValue() + "\""));
            return null;
        }
        return parsed.getOrElse(null);
    }

    /** A value whose type the model leaves open: numbers become BigDecimal, the rest keeps its JSON shape. */
    static Object untyped(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>(value.size());
            value.forEach(item -> items.add(untyped(item)));
            return items;
        }
        Map<String, Object> structure = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> structure.put(e.getKey(), untyped(e.getValue())));
        return structure;
    }

    private static Object structure(JsonNode value, DMNType type, String pointer, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(
                    pointer, "must be a structure (" + TypeDescription.of(type) + "), was " + kind(value)));
            return null;
        }
        Map<String, Object> structure = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            DMNType fieldType = type.getFields().get(field.getKey());
            // Components the type does not declare are passed on as they are, as the engine itself does.
            structure.put(
                    field.getKey(),
                    fieldType == null
                            ? untyped(field.getValue())
                            : convert(field.getValue(), fieldType, pointer + "/" + escape(field.getKey()), errors));
        }
        return structure;
    }

    /** The list type a type is, or rests on (a component typed by a named list type has that list as its base). */
    static DMNType listType(DMNType type) {
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            if (t.isCollection()) {
                return t;
            }
        }
        return null;
    }

    private static String kind(JsonNode value) {
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isTextual()) {
            return "the string \"" + value.textValue() + "\"";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        return value.isArray()
                ? "a list"
                : value.isObject()
                        ? "a structure"
                        : value.getNodeType().toString().toLowerCase();
    }

    /** JSON pointer escaping (RFC 6901): input and component names may hold "/" and "~". */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
