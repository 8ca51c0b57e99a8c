package dev.selektor.decision.model;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.model.compiled.FastPath;
import dev.selektor.decision.model.convention.CampaignConventions;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.decision.model.convention.ModelResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNResult;

/** Evaluates a campaign model's {@code Selection} (and {@code Priority}) for one customer and classifies the answer. */
public final class CampaignModelEvaluator {
    private static final String[] SELECTION_ONLY = {CampaignConventions.SELECTION};
    private static final String[] SELECTION_AND_PRIORITY = {CampaignConventions.SELECTION, CampaignConventions.PRIORITY
    };

    private CampaignModelEvaluator() {}

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
        try {
            return EvaluationBudget.run(() -> evaluateUnbudgeted(model, customer, runDate));
        } catch (EvaluationBudget.Exceeded e) {
            if (EvaluationBudget.isStrict()) {
                throw e;
            }
            return new ModelResult.Failed(List.of(), new ArrayList<>(List.of("ERROR " + e.getMessage())));
        }
    }

    private static ModelResult evaluateUnbudgeted(
            DecisionModel model, Map<String, Object> customer, LocalDate runDate) {
        DMNContext context = model.runtime().newContext();
        context.set(CampaignConventions.CUSTOMER, customer);
        context.set(CampaignConventions.RUN_DATE, runDate);
        List<MatchedRowsListener.Hit> hits = MatchedRowsListener.INSTANCE.start();
        DMNResult result = model.runtime()
                .evaluateByName(model.model(), context, model.hasPriority() ? SELECTION_AND_PRIORITY : SELECTION_ONLY);
        List<MatchedRule> matched = hits.stream()
                .map(h -> new MatchedRule(h.decision(), h.row(), model.annotation(h.decision(), h.row())))
                .toList();
        List<String> messages = new ArrayList<>();
        for (DMNMessage message : result.getMessages()) {
            messages.add(message.getSeverity() + " " + message.getMessage());
        }
        DMNDecisionResult selection = result.getDecisionResultByName(CampaignConventions.SELECTION);
        if (selection == null
                || selection.hasErrors()
                || selection.getEvaluationStatus() == DMNDecisionResult.DecisionEvaluationStatus.FAILED) {
            return new ModelResult.Failed(matched, messages);
        }
        return CampaignConventions.classify(selection.getResult(), matched, messages, () -> priority(result, messages));
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
