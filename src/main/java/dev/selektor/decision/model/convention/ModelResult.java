package dev.selektor.decision.model.convention;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** What a campaign model said about one customer, before policies are applied. */
public sealed interface ModelResult {

    List<MatchedRule> matchedRules();

    List<String> messages();

    record Eligible(
            BigDecimal discountPercent,
            String reason,
            Optional<BigDecimal> priority,
            List<MatchedRule> matchedRules,
            List<String> messages)
            implements ModelResult {}

    record NotEligible(String reason, List<MatchedRule> matchedRules, List<String> messages) implements ModelResult {}

    /** No table row matched: {@code Selection} is null. */
    record NoRuleMatched(List<MatchedRule> matchedRules, List<String> messages) implements ModelResult {}

    /** A FEEL error, or a result that breaks the contract (discount outside (0, 100], missing fields). */
    record Failed(List<MatchedRule> matchedRules, List<String> messages) implements ModelResult {}
}
