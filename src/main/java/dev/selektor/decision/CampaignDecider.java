package dev.selektor.decision;

import dev.selektor.campaign.Campaign;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.model.CampaignModelEvaluator;
import dev.selektor.decision.model.CustomerContext;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.convention.ModelResult;
import dev.selektor.policy.ContactPressure;
import dev.selektor.policy.PolicyCheck;
import dev.selektor.policy.PolicyReason;
import dev.selektor.policy.PolicyRules;
import dev.selektor.policy.PolicySubject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Combines the global policies and a campaign's model into one decision, in the contract's order: consent,
 * fraud, contact pressure, the model's {@code Selection}, then holdout. Plain Java with no container, so the
 * REST endpoint, selection runs and the regression suite all decide through exactly this code.
 */
public final class CampaignDecider {
    private final PolicyRules policies;

    public CampaignDecider(PolicyRules policies) {
        this.policies = policies;
    }

    public Decision decide(Campaign campaign, DecisionModel model, CustomerFacts facts, LocalDate runDate) {
        return decide(campaign, model, facts, runDate, ContactPressure.noHistory());
    }

    public Decision decide(
            Campaign campaign,
            DecisionModel model,
            CustomerFacts facts,
            LocalDate runDate,
            ContactPressure contactPressure) {
        PolicyRules.Evaluation policy = policies.evaluate(
                new PolicySubject(facts, campaign.campaignId(), campaign.holdoutPercent(), contactPressure));
        Map<String, Object> inputs = inputsUsed(model, facts, runDate);
        if (policy.vetoBeforeModel().isPresent()) {
            Outcome outcome = Outcome.rejectedBy(policy.vetoBeforeModel().get().name());
            Explanation explanation =
                    new Explanation(holdoutNotApplicable(policy.checks()), List.of(), inputs, List.of());
            return new Decision(
                    campaign.campaignId(),
                    facts.customerId(),
                    outcome,
                    model.version(),
                    runDate,
                    explanation,
                    Optional.empty());
        }
        ModelResult result = CampaignModelEvaluator.evaluate(model, facts, runDate);
        Outcome outcome = result instanceof ModelResult.Eligible && policy.heldOut()
                ? new Outcome.HeldOut()
                : Outcome.ofModel(result);
        List<PolicyCheck> checks =
                result instanceof ModelResult.Eligible ? policy.checks() : holdoutNotApplicable(policy.checks());
        Optional<java.math.BigDecimal> priority =
                result instanceof ModelResult.Eligible e ? e.priority() : Optional.empty();
        Explanation explanation = new Explanation(checks, result.matchedRules(), inputs, result.messages());
        return new Decision(
                campaign.campaignId(), facts.customerId(), outcome, model.version(), runDate, explanation, priority);
    }

    /** Holdout only ever applies to customers the model selected; for everyone else it was not a factor. */
    private static List<PolicyCheck> holdoutNotApplicable(List<PolicyCheck> checks) {
        List<PolicyCheck> adjusted = new ArrayList<>(checks.size());
        for (PolicyCheck check : checks) {
            adjusted.add(
                    check.reason() == PolicyReason.HOLDOUT
                            ? new PolicyCheck(check.name(), PolicyCheck.Result.NOT_APPLICABLE, check.reason())
                            : check);
        }
        return adjusted;
    }

    private static Map<String, Object> inputsUsed(DecisionModel model, CustomerFacts facts, LocalDate runDate) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String field : model.customerFieldsUsed()) {
            inputs.put("Customer." + field, CustomerContext.field(facts, field));
        }
        if (model.usesRunDate()) {
            inputs.put("Run Date", runDate);
        }
        return inputs;
    }
}
