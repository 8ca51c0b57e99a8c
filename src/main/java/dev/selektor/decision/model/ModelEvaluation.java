package dev.selektor.decision.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.decision.model.compiled.GenericPath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.feel.util.TypeUtil;

/**
 * Evaluates any decision model with ad-hoc inputs given by input name, as the generic evaluation endpoint does;
 * the DMN TCK test goes through here too, so the conformance it shows is the endpoint's. Inputs are converted by
 * the model's declared types ({@link ModelInputs}); results come back as JSON-ready values: numbers as
 * BigDecimal, dates, times and durations in FEEL's own notation, lists and structures as lists and maps.
 */
public final class ModelEvaluation {

    /** One message of the engine about this evaluation. */
    public record Message(String severity, String type, String message, String sourceId) {}

    /**
     * @param decisions every evaluated decision's result by name (the asked one only, with {@code ?decision=})
     * @param failed decisions the engine could not evaluate, with the reason; their result is null
     */
    public record Answer(
            String model,
            String modelVersion,
            Map<String, Object> decisions,
            Map<String, String> failed,
            List<Message> messages) {}

    private ModelEvaluation() {}

    /**
     * @throws InvalidInputException when an input is unknown or of the wrong type, or the decision does not exist
     */
    public static Answer evaluate(DecisionModel model, JsonNode inputs, Optional<String> decision) {
        if (inputs == null || !inputs.isObject()) {
            throw new InvalidInputException(
                    new FieldError("", "the body must be a JSON object of input values by input name"));
        }
        List<FieldError> errors = new ArrayList<>();
        decision.filter(d -> model.model().getDecisionByName(d) == null)
                .ifPresent(d -> errors.add(new FieldError(
                        "decision",
                        "the model " + model.name() + " has no decision \"" + d + "\"; its decisions are "
                                + decisionNames(model))));
        DMNContext context = model.runtime().newContext();
        Map<String, Object> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> input = it.next();
            InputDataNode node = model.model().getInputByName(input.getKey());
            String pointer = "/" + ModelInputs.escape(input.getKey());
            if (node == null) {
                errors.add(new FieldError(
                        pointer,
                        "the model " + model.name() + " has no input \"" + input.getKey() + "\"; its inputs are "
                                + inputNames(model)));
                continue;
            }
            Object value = ModelInputs.convert(input.getValue(), node.getType(), pointer, errors);
            context.set(input.getKey(), value);
            values.put(input.getKey(), value);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The inputs do not fit the model " + model.name(), errors);
        }
        // A missing input is the engine's to report; with every input given, compiled tables may answer.
        if (model.genericPath() instanceof GenericPath.Compiled compiled
                && values.size() == model.model().getInputs().size()) {
            Map<String, Object> results = compiled.model().evaluate(values, decision);
            if (results != null) {
                Map<String, Object> decisions = new LinkedHashMap<>();
                results.forEach((name, value) -> decisions.put(name, toJson(value)));
                return new Answer(model.name(), model.version(), decisions, Map.of(), List.of());
            }
        }
        DMNResult result;
        try {
            result = EvaluationBudget.run(() -> decision.isPresent()
                    ? model.runtime().evaluateByName(model.model(), context, decision.get())
                    : model.runtime().evaluateAll(model.model(), context));
        } catch (EvaluationBudget.Exceeded e) {
            if (EvaluationBudget.isStrict()) {
                throw e;
            }
            Map<String, Object> none = new LinkedHashMap<>();
            Map<String, String> stopped = new LinkedHashMap<>();
            decision.map(List::of).orElseGet(() -> decisionNames(model)).forEach(name -> {
                none.put(name, null);
                stopped.put(name, "FAILED: " + e.getMessage());
            });
            return new Answer(
                    model.name(),
                    model.version(),
                    none,
                    stopped,
                    List.of(new Message("ERROR", "EVALUATION_BUDGET", e.getMessage(), null)));
        }
        Map<String, Object> decisions = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (DMNDecisionResult r : result.getDecisionResults()) {
            if (decision.isPresent() && !decision.get().equals(r.getDecisionName())) {
                continue;
            }
            decisions.put(r.getDecisionName(), toJson(r.getResult()));
            if (r.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
                failed.put(
                        r.getDecisionName(),
                        r.getEvaluationStatus()
                                + r.getMessages().stream()
                                        .map(m -> ": " + m.getText())
                                        .findFirst()
                                        .orElse(""));
            }
        }
        List<Message> messages = result.getMessages().stream()
                .map(m -> new Message(
                        m.getSeverity().name(),
                        m.getMessageType() == null ? null : m.getMessageType().name(),
                        m.getText(),
                        m.getSourceId()))
                .toList();
        return new Answer(model.name(), model.version(), decisions, failed, messages);
    }

    /** A FEEL value as JSON can carry it; temporal values and anything else FEEL has in FEEL's notation. */
    static Object toJson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((k, v) -> json.put(String.valueOf(k), toJson(v)));
            return json;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> json = new ArrayList<>();
            items.forEach(item -> json.add(toJson(item)));
            return json;
        }
        return TypeUtil.formatValue(value, false);
    }

    private static List<String> inputNames(DecisionModel model) {
        return model.model().getInputs().stream()
                .map(InputDataNode::getName)
                .sorted()
                .toList();
    }

    private static List<String> decisionNames(DecisionModel model) {
        return model.model().getDecisions().stream()
                .map(DecisionNode::getName)
                .sorted()
                .toList();
    }
}
