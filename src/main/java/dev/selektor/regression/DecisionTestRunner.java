package dev.selektor.regression;

import dev.selektor.campaign.Campaign;
import dev.selektor.customer.CustomerFactsParser;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.Decision;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.policy.ContactPressure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Runs regression cases through the same decision code as the service and says, for each, what differed. */
public final class DecisionTestRunner {

    public record CaseResult(DecisionTestCase testCase, boolean passed, Optional<Decision> actual, String report) {}

    /** The contract's default N; a case states how many other campaigns selected its customer recently. */
    public static final int CONTACT_PRESSURE_LIMIT = 3;

    private final CampaignDecider decider;

    public DecisionTestRunner(CampaignDecider decider) {
        this.decider = decider;
    }

    public CaseResult run(DecisionModel model, DecisionTestCase testCase) {
        var parsed = CustomerFactsParser.parse(testCase.facts(), testCase.runDate());
        if (parsed instanceof CustomerFactsParser.Result.Invalid invalid) {
            return new CaseResult(
                    testCase,
                    false,
                    Optional.empty(),
                    "The case's facts break the contract: " + invalid.errors() + "\n  facts: " + testCase.facts());
        }
        var facts = ((CustomerFactsParser.Result.Valid) parsed).facts();
        Campaign campaign = Campaign.forModel(model.name(), testCase.holdoutPercent());
        Decision decision = decider.decide(
                campaign,
                model,
                facts,
                testCase.runDate(),
                new ContactPressure(testCase.otherCampaignsRecently(), CONTACT_PRESSURE_LIMIT));
        Optional<Integer> actualRow = decision.explanation().matchedRules().stream()
                .filter(r -> r.decision().equals("Selection"))
                .map(MatchedRule::row)
                .findFirst();
        boolean passed = decision.outcome().kind().name().equals(testCase.expectedOutcome())
                && decision.outcome().discountPercent().compareTo(testCase.expectedDiscount()) == 0
                && decision.outcome().reason().equals(testCase.expectedReason())
                && (testCase.expectedRow().isEmpty() || testCase.expectedRow().equals(actualRow));
        String report = passed
                ? "passed"
                : """
                %s: %s
                  facts:    %s
                  runDate:  %s, holdoutPercent: %s, otherCampaignsRecently: %s
                  expected: %s %s "%s"%s
                  actual:   %s %s "%s" row %s
                  matched:  %s
                  messages: %s""".formatted(
                                testCase.file(),
                                testCase.displayName(),
                                testCase.facts(),
                                testCase.runDate(),
                                testCase.holdoutPercent(),
                                testCase.otherCampaignsRecently(),
                                testCase.expectedOutcome(),
                                plain(testCase.expectedDiscount()),
                                testCase.expectedReason(),
                                testCase.expectedRow().map(r -> " row " + r).orElse(""),
                                decision.outcome().kind(),
                                plain(decision.outcome().discountPercent()),
                                decision.outcome().reason(),
                                actualRow.map(String::valueOf).orElse("none"),
                                decision.explanation().matchedRules().stream()
                                        .map(r -> r.decision() + " row " + r.row() + " (" + r.annotation() + ")")
                                        .collect(Collectors.joining("; ")),
                                decision.explanation().messages());
        return new CaseResult(testCase, passed, Optional.of(decision), report);
    }

    public List<CaseResult> runAll(DecisionModel model, List<DecisionTestCase> cases) {
        return cases.stream().map(c -> run(model, c)).toList();
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
