package dev.selektor.decision.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.decision.Decision;
import dev.selektor.decision.Explanation;
import dev.selektor.decision.Outcome;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.policy.PolicyCheck;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A decision as answered over HTTP (contract section 5). */
public record DecisionView(
        String campaignId,
        String customerId,
        String outcome,
        boolean eligible,
        BigDecimal discountPercent,
        String reason,
        String reasonSource,
        String modelVersion,
        LocalDate runDate,
        ExplanationView explanation) {

    public record ExplanationView(
            List<PolicyView> policies,
            List<MatchedRule> matchedRules,
            Map<String, Object> inputs,
            List<String> messages) {

        /** Section 5's explanation; a stored result's (section 11) reads the same. */
        public static ExplanationView of(Explanation explanation) {
            List<PolicyView> policies = explanation.policies().stream()
                    .map(p -> new PolicyView(
                            p.name(),
                            p.result().name(),
                            p.result() == PolicyCheck.Result.REJECTED
                                    ? p.reason().name()
                                    : null))
                    .toList();
            Map<String, Object> inputs = new LinkedHashMap<>();
            explanation.inputs().forEach((k, v) -> inputs.put(k, v instanceof BigDecimal d ? plain(d) : v));
            return new ExplanationView(policies, explanation.matchedRules(), inputs, explanation.messages());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyView(String name, String result, String reason) {}

    public static DecisionView of(Decision decision) {
        Outcome outcome = decision.outcome();
        return new DecisionView(
                decision.campaignId(),
                decision.customerId(),
                outcome.kind().name(),
                outcome.eligible(),
                plain(outcome.discountPercent()),
                outcome.reason(),
                outcome.reasonSource().name(),
                decision.modelVersion(),
                decision.runDate(),
                ExplanationView.of(decision.explanation()));
    }

    /** 15 rather than 15.00 or 1.5E+1: the contract wants plain numbers. */
    static BigDecimal plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
