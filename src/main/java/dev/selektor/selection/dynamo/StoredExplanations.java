package dev.selektor.selection.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selektor.decision.Explanation;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.policy.PolicyCheck;
import dev.selektor.policy.PolicyReason;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A result's explanation in the few hundred bytes a result item can spare, so that a run still costs one write
 * unit (1 KB) per customer: short keys, no annotations (they are found again by model version and row), and the
 * engine's messages cut short.
 */
final class StoredExplanations {
    static final int MAX_MESSAGE_CHARS = 160;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StoredExplanations() {}

    static String write(Explanation explanation) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode policies = root.putArray("p");
        for (PolicyCheck check : explanation.policies()) {
            ArrayNode entry =
                    policies.addArray().add(check.name()).add(check.result().name());
            if (check.reason() != null) {
                entry.add(check.reason().name());
            }
        }
        ArrayNode rows = root.putArray("r");
        for (MatchedRule rule : explanation.matchedRules()) {
            rows.addArray().add(rule.decision()).add(rule.row());
        }
        ObjectNode inputs = root.putObject("i");
        explanation
                .inputs()
                .forEach((name, value) ->
                        inputs.set(name, JSON.valueToTree(value instanceof Temporal ? value.toString() : value)));
        ArrayNode messages = root.putArray("m");
        for (String message : explanation.messages()) {
            messages.add(
                    message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS - 1) + "…" : message);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An explanation could not be written: " + e.getMessage(), e);
        }
    }

    /** Empty for an attribute that is not there (results stored before explanations were). */
    static Optional<Explanation> read(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(stored);
            List<PolicyCheck> policies = new ArrayList<>();
            for (JsonNode p : root.path("p")) {
                policies.add(new PolicyCheck(
                        p.get(0).asText(),
                        PolicyCheck.Result.valueOf(p.get(1).asText()),
                        p.size() > 2 ? PolicyReason.valueOf(p.get(2).asText()) : null));
            }
            List<MatchedRule> rows = new ArrayList<>();
            for (JsonNode r : root.path("r")) {
                rows.add(new MatchedRule(r.get(0).asText(), r.get(1).asInt(), null));
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            root.path("i")
                    .fields()
                    .forEachRemaining(e -> inputs.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
            List<String> messages = new ArrayList<>();
            root.path("m").forEach(m -> messages.add(m.asText()));
            return Optional.of(new Explanation(policies, rows, inputs, messages));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
