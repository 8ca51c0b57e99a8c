package dev.selektor.decision.model;

import dev.selektor.decision.model.convention.CampaignConventions;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.decision.model.convention.ModelResult;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.model.compiled.FastPath;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNResult;

/** Evaluates a campaign model's {@code Selection} (and {@code Priority}) for one customer and classifies the answer. */
public final class CampaignModelEvaluator {
    private static final String[] SELECTION_ONLY = {CampaignConventions.SELECTION};
    private static final String[] SELECTION_AND_PRIORITY = {CampaignConventions.SELECTION, CampaignConventions.PRIORITY};

    private CampaignModelEvaluator() {
    }

    /**
     * The model's answer for one customer: from its compiled tables when it has them and they can decide this
     * customer, else from the engine.
     */
    public static ModelResult evaluate(DecisionModel model, CustomerFacts facts, LocalDate runDate) {
        if (model.fastPath() instanceof FastPath.Compiled compiled) {
            ModelResult result = compiled.model().evaluate(facts, runDate);
            if (result != null) {
                return result;
            }
        }
        return evaluateWithEngine(model, CustomerContext.of(facts), runDate);
    }

    /** The model's answer as the Drools engine gives it, whatever the model's compiled form. */
    public static ModelResult evaluateWithEngine(DecisionModel model, Map<String, Object> customer, LocalDate runDate) {
        DMNContext context = model.runtime().newContext();
        context.set(CampaignConventions.CUSTOMER, customer);
        context.set(CampaignConventions.RUN_DATE, runDate);
        List<MatchedRowsListener.Hit> hits = MatchedRowsListener.INSTANCE.start();
        DMNResult result = model.runtime().evaluateByName(model.model(), context,
                model.hasPriority() ? SELECTION_AND_PRIORITY : SELECTION_ONLY);
        List<MatchedRule> matched = hits.stream()
                .map(h -> new MatchedRule(h.decision(), h.row(), model.annotation(h.decision(), h.row())))
                .toList();
        List<String> messages = new ArrayList<>();
        for (DMNMessage message : result.getMessages()) {
            messages.add(message.getSeverity() + " " + message.getMessage());
        }
        DMNDecisionResult selection = result.getDecisionResultByName(CampaignConventions.SELECTION);
        if (selection == null || selection.hasErrors()
                || selection.getEvaluationStatus() == DMNDecisionResult.DecisionEvaluationStatus.FAILED) {
            return new ModelResult.Failed(matched, messages);
        }
        return classify(selection.getResult(), matched, messages, () -> priority(result, messages));
    }

    /**
     * What a value of {@code Selection} means under the contract. Shared with the compiled tables, which classify
     * each rule's literal outputs once, so both paths give the same answer for the same value.
     */
    public static ModelResult classify(Object value, List<MatchedRule> matched, List<String> messages,
                                       Supplier<Optional<BigDecimal>> priority) {
        if (value == null) {
            return new ModelResult.NoRuleMatched(matched, messages);
        }
        if (!(value instanceof Map<?, ?> map)) {
            messages.add("ERROR Selection must be a structure {eligible, discountPercent, reason}, was " + value);
            return new ModelResult.Failed(matched, messages);
        }
        Object eligible = map.get("eligible");
        Object reason = map.get("reason");
        if (!(eligible instanceof Boolean isEligible)) {
            messages.add("ERROR Selection.eligible must be true or false, was " + eligible);
            return new ModelResult.Failed(matched, messages);
        }
        if (!(reason instanceof String reasonText) || reasonText.isBlank()) {
            messages.add("ERROR Selection.reason must be a non-empty string, was " + reason);
            return new ModelResult.Failed(matched, messages);
        }
        if (!isEligible) {
            return new ModelResult.NotEligible(reasonText, matched, messages);
        }
        Object discount = map.get("discountPercent");
        if (!(discount instanceof BigDecimal percent) || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            messages.add("ERROR Selection.discountPercent must lie in (0, 100] for an eligible customer, was " + discount);
            return new ModelResult.Failed(matched, messages);
        }
        return new ModelResult.Eligible(percent, reasonText, priority.get(), matched, messages);
    }

    private static Optional<BigDecimal> priority(DMNResult result, List<String> messages) {
        DMNDecisionResult priority = result.getDecisionResultByName(CampaignConventions.PRIORITY);
        if (priority == null || priority.hasErrors()) {
            return Optional.empty();
        }
        if (priority.getResult() instanceof BigDecimal number) {
            return Optional.of(number);
        }
        if (priority.getResult() != null) {
            messages.add("WARN Priority must be a number, was " + priority.getResult() + "; ignored");
        }
        return Optional.empty();
    }
}
