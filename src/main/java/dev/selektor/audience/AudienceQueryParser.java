package dev.selektor.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an audience question (contract section 9), naming every bad field at once: a fact the contract does not
 * have, a condition that does not fit the fact's kind, or a value of the wrong type (no coercion, as for facts).
 */
public final class AudienceQueryParser {
    private static final Set<String> CONDITIONS = Set.of(
            "in",
            "gte",
            "gt",
            "lte",
            "lt",
            "daysBeforeRunDate",
            "yearsBeforeRunDate",
            "containsAny",
            "containsAll",
            "is");

    private final List<FieldError> errors = new ArrayList<>();

    private AudienceQueryParser() {}

    public static AudienceQuery parse(JsonNode body, LocalDate today) {
        return new AudienceQueryParser().read(body == null ? NullNode.getInstance() : body, today);
    }

    private AudienceQuery read(JsonNode body, LocalDate today) {
        if (!body.isObject()) {
            throw new InvalidInputException(new FieldError("", "must be a JSON object with runDate and filters"));
        }
        LocalDate runDate = body.hasNonNull("runDate")
                ? FilterReader.date(body.get("runDate"), "/runDate", errors).orElse(today)
                : today;
        List<AudienceFilter> filters = new ArrayList<>();
        JsonNode list = body.path("filters");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            errors.add(new FieldError("/filters", "must be a list of filters"));
        }
        for (int i = 0; i < list.size() && list.isArray(); i++) {
            filter(list.get(i), "/filters/" + i).ifPresent(filters::add);
        }
        List<AudienceQuery.Breakdown> breakdowns = breakdowns(body.path("breakdowns"));
        int samples = 0;
        JsonNode samplesNode = body.path("samples");
        if (!samplesNode.isMissingNode() && !samplesNode.isNull()) {
            if (!samplesNode.isInt() || samplesNode.asInt() < 0 || samplesNode.asInt() > AudienceQuery.MAX_SAMPLES) {
                errors.add(new FieldError(
                        "/samples",
                        "must be a whole number in 0.." + AudienceQuery.MAX_SAMPLES + ", got " + samplesNode));
            } else {
                samples = samplesNode.asInt();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The audience question is not valid", List.copyOf(errors));
        }
        return new AudienceQuery(runDate, List.copyOf(filters), breakdowns, samples);
    }

    private Optional<AudienceFilter> filter(JsonNode node, String at) {
        if (!node.isObject()) {
            errors.add(new FieldError(at, "must be an object such as {\"fact\": \"segment\", \"in\": [\"VIP\"]}"));
            return Optional.empty();
        }
        String name = node.path("fact").asText("");
        Optional<CustomerFact> known = node.path("fact").isTextual() ? CustomerFact.named(name) : Optional.empty();
        if (known.isEmpty()) {
            errors.add(new FieldError(
                    at + "/fact",
                    "must name a customer fact (" + CustomerFact.names() + "), got " + node.path("fact")));
            return Optional.empty();
        }
        CustomerFact fact = known.get();
        List<String> given = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (CONDITIONS.contains(f)) {
                given.add(f);
            } else if (!f.equals("fact")) {
                errors.add(new FieldError(
                        at + "/" + f, "is not a condition; use one of " + String.join(", ", CONDITIONS)));
            }
        });
        if (given.isEmpty()) {
            errors.add(new FieldError(
                    at,
                    "names a fact but no condition (in, gte, gt, lte, lt, daysBeforeRunDate,"
                            + " yearsBeforeRunDate, containsAny, containsAll, is)"));
            return Optional.empty();
        }
        return new FilterReader(fact, node, at, errors).read(given);
    }

    private List<AudienceQuery.Breakdown> breakdowns(JsonNode node) {
        List<AudienceQuery.Breakdown> breakdowns = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return breakdowns;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("/breakdowns", "must be a list such as [\"segment\", \"country\"]"));
            return breakdowns;
        }
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).asText("");
            Optional<AudienceQuery.Breakdown> known = Arrays.stream(AudienceQuery.Breakdown.values())
                    .filter(b -> b.jsonName().equals(name))
                    .findFirst();
            if (known.isEmpty() || !node.get(i).isTextual()) {
                errors.add(new FieldError(
                        "/breakdowns/" + i,
                        "must be one of segment, country, categories," + " revenueBand, got " + node.get(i)));
            } else if (!breakdowns.contains(known.get())) {
                breakdowns.add(known.get());
            }
        }
        return breakdowns;
    }

    static Optional<BigDecimal> number(JsonNode node, String at, List<FieldError> errors) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        errors.add(new FieldError(at, "must be a number, got " + node));
        return Optional.empty();
    }
}
