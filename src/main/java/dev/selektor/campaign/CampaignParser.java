package dev.selektor.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a campaign definition (contract section 4) and lists every problem; whether its model exists is asked of a predicate. */
public final class CampaignParser {
    static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public sealed interface Result {
        record Valid(Campaign campaign) implements Result {}

        record Invalid(List<FieldError> errors) implements Result {}
    }

    private CampaignParser() {}

    /** @param usableModel tells whether a name is a loaded model that can drive a campaign, and if not, why */
    public static Result parse(
            String campaignId, JsonNode body, java.util.function.Function<String, Optional<String>> usableModel) {
        List<FieldError> errors = new ArrayList<>();
        if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
            errors.add(new FieldError("/campaignId", "must be 1-64 characters of A-Z a-z 0-9 _ -"));
        }
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object with the campaign's definition"));
            return new Result.Invalid(errors);
        }
        JsonNode id = body.get("campaignId");
        if (id != null && !id.isNull() && !(id.isTextual() && id.textValue().equals(campaignId))) {
            errors.add(new FieldError("/campaignId", "must equal the id in the path (" + campaignId + "), got " + id));
        }
        String name = text(body, "name", errors);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            errors.add(new FieldError("/name", "must be 1-200 characters"));
        }
        String model = text(body, "decisionModel", errors);
        if (model != null) {
            usableModel.apply(model).ifPresent(reason -> errors.add(new FieldError("/decisionModel", reason)));
        }
        LocalDate start = date(body, "startDate", errors);
        LocalDate end = date(body, "endDate", errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add(new FieldError("/endDate", "must not lie before startDate (" + start + "), got " + end));
        }
        Optional<Integer> maxCustomers = Optional.empty();
        JsonNode max = body.get("maxCustomers");
        if (max != null && !max.isNull()) {
            if (!max.isIntegralNumber() || !max.canConvertToInt() || max.intValue() <= 0) {
                errors.add(new FieldError("/maxCustomers", "must be a whole number > 0, got " + max));
            } else {
                maxCustomers = Optional.of(max.intValue());
            }
        }
        double holdout = 0;
        JsonNode holdoutNode = body.get("holdoutPercent");
        if (holdoutNode != null && !holdoutNode.isNull()) {
            if (!holdoutNode.isNumber() || holdoutNode.doubleValue() < 0 || holdoutNode.doubleValue() > 100) {
                errors.add(new FieldError("/holdoutPercent", "must be a number from 0 to 100, got " + holdoutNode));
            } else {
                holdout = holdoutNode.doubleValue();
            }
        }
        if (!errors.isEmpty()) {
            return new Result.Invalid(errors);
        }
        return new Result.Valid(new Campaign(campaignId, name, model, start, end, maxCustomers, holdout));
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError("/" + field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError("/" + field, "must be a string, got " + value));
            return null;
        }
        return value.textValue();
    }

    private static LocalDate date(JsonNode body, String field, List<FieldError> errors) {
        String text = text(body, field, errors);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + field, "must be an ISO date such as 2026-11-26, got \"" + text + "\""));
            return null;
        }
    }
}
