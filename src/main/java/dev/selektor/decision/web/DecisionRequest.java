package dev.selektor.decision.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.IsoDates;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsParser;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a request to the decision endpoint asks: the facts (or the customer id to read them by) and the run date.
 * One reading of the body for every way the endpoint is reached, so that each answers the same.
 */
public record DecisionRequest(Optional<CustomerFacts> facts, Optional<String> customerId, LocalDate runDate) {

    /** The request, or an {@link InvalidInputException} (a 400) naming every bad field. */
    public static DecisionRequest parse(JsonNode body, LocalDate today) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(
                    new FieldError("", "the body must be a JSON object {\"customer\": {...}, \"runDate\": \"...\"}"));
        }
        List<FieldError> errors = new ArrayList<>();
        LocalDate runDate = today;
        JsonNode runDateNode = body.get("runDate");
        if (runDateNode != null && !runDateNode.isNull()) {
            try {
                if (!runDateNode.isTextual()) {
                    throw new DateTimeParseException("not a string", runDateNode.toString(), 0);
                }
                runDate = IsoDates.parse(runDateNode.textValue());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/runDate", "must be an ISO date such as 2026-11-26, got " + runDateNode));
            }
        }
        JsonNode customerNode = body.get("customer");
        JsonNode customerIdNode = body.get("customerId");
        boolean byFacts = customerNode != null && !customerNode.isNull();
        boolean byId = customerIdNode != null && !customerIdNode.isNull();
        CustomerFacts facts = null;
        String customerId = null;
        if (byFacts == byId) {
            errors.add(new FieldError(
                    byFacts ? "/customerId" : "/customer",
                    "give either \"customer\" (the facts) or \"customerId\" (facts from the store), not "
                            + (byFacts ? "both" : "neither")));
        } else if (byId) {
            if (!customerIdNode.isTextual()) {
                errors.add(new FieldError("/customerId", "must be a string, got " + customerIdNode));
            } else {
                customerId = customerIdNode.textValue();
            }
        } else {
            CustomerFactsParser.Result parsed = CustomerFactsParser.parse(customerNode, today);
            if (parsed instanceof CustomerFactsParser.Result.Invalid invalid) {
                invalid.errors().forEach(e -> errors.add(e.withPrefix("/customer")));
            } else {
                facts = ((CustomerFactsParser.Result.Valid) parsed).facts();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(
                    errors.size() + " field(s) break the contract: "
                            + errors.stream()
                                    .map(e -> e.field() + " " + e.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    errors);
        }
        return new DecisionRequest(Optional.ofNullable(facts), Optional.ofNullable(customerId), runDate);
    }
}
