package dev.selektor.decision;

import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.policy.PolicyCheck;
import java.util.List;
import java.util.Map;

/** Why a decision came out as it did: the policies, the table rows that decided, the inputs they saw, engine messages. */
public record Explanation(
        List<PolicyCheck> policies,
        List<MatchedRule> matchedRules,
        Map<String, Object> inputs,
        List<String> messages) {}
