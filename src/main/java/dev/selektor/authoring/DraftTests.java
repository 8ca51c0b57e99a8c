package dev.selektor.authoring;

import dev.selektor.common.ConflictException;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.EvaluationBudget;
import dev.selektor.regression.DecisionTestCase;
import dev.selektor.regression.DecisionTestFile;
import dev.selektor.regression.DecisionTestRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs a model's regression cases ({@code decision-tests/<name>.csv}) against a draft, on the draft threads. */
@ApplicationScoped
class DraftTests {

    @Inject
    RegressionCases cases;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    DraftWork work;

    /** The test run stops at the first evaluation past its budget, and says so. */
    TestReport run(DecisionModel model) {
        try {
            return work.run(() -> test(model));
        } catch (EvaluationBudget.Exceeded e) {
            return new TestReport(Instant.now(), 0, 0, List.of(), e.getMessage());
        }
    }

    private TestReport test(DecisionModel model) {
        Optional<DecisionTestFile.Parsed> read = cases.of(model.name());
        if (read.isEmpty()) {
            return new TestReport(Instant.now(), 0, 0, List.of());
        }
        DecisionTestFile.Parsed parsed = read.get();
        if (!parsed.errors().isEmpty()) {
            throw new ConflictException(
                    "The case file " + cases.file(model.name()) + " is broken: " + String.join("; ", parsed.errors()));
        }
        DecisionTestRunner runner = new DecisionTestRunner(new CampaignDecider(registry.policies()));
        List<TestReport.CaseOutcome> outcomes = new ArrayList<>();
        int passed = 0;
        for (DecisionTestCase c : parsed.cases()) {
            var result = runner.run(model, c);
            passed += result.passed() ? 1 : 0;
            String expected = c.expectedOutcome() + " "
                    + c.expectedDiscount().stripTrailingZeros().toPlainString() + " \"" + c.expectedReason() + "\""
                    + c.expectedRow().map(r -> " row " + r).orElse("");
            String actual = result.actual()
                    .map(d -> d.outcome().kind() + " "
                            + d.outcome().discountPercent().stripTrailingZeros().toPlainString() + " \""
                            + d.outcome().reason() + "\"")
                    .orElse("no decision");
            outcomes.add(new TestReport.CaseOutcome(
                    c.name(),
                    c.line(),
                    result.passed(),
                    expected,
                    actual,
                    result.passed() ? "passed" : result.report()));
        }
        return new TestReport(Instant.now(), passed, outcomes.size() - passed, outcomes);
    }
}
