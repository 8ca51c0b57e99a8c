package dev.selektor.decision.model;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.model.convention.CampaignConventions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;

/**
 * Evaluates each decision of a model, one at a time, for a few probe customers under the evaluation budget, so that a
 * model whose cost passes the budget is refused when it is saved, not met by checkout. What a static look at the
 * expressions cannot bound (a loop over a range read from the customer, a slow function) shows here.
 */
public final class CostProbe {
    private static final int FIRST_EVALUATION_FACTOR = 10;

    private CostProbe() {}

    /** The first decision that passes its budget for a probe customer, named with the time or bytes it took. */
    public static Optional<ModelProblem> check(DecisionModel model, List<CustomerFacts> customers, LocalDate runDate) {
        List<String> decisions = new ArrayList<>();
        for (DecisionNode node : model.model().getDecisions()) {
            decisions.add(node.getName());
        }
        for (String decision : decisions) {
            boolean first = true;
            for (CustomerFacts facts : customers) {
                EvaluationBudget.Limits budget =
                        first ? EvaluationBudget.limits().times(FIRST_EVALUATION_FACTOR) : EvaluationBudget.limits();
                first = false;
                try {
                    EvaluationBudget.run(budget, () -> {
                        DMNContext context = model.runtime().newContext();
                        model.model().getInputs().forEach(input -> context.set(input.getName(), sample(input)));
                        context.set(CampaignConventions.CUSTOMER, CustomerContext.of(facts));
                        context.set(CampaignConventions.RUN_DATE, runDate);
                        return model.runtime().evaluateByName(model.model(), context, decision);
                    });
                } catch (EvaluationBudget.Exceeded e) {
                    return Optional.of(ModelProblem.error(
                            "decision \"" + decision + "\"",
                            "costs more than one evaluation may: " + e.getMessage() + " for probe customer "
                                    + facts.customerId() + "; a campaign table needs well under a millisecond"));
                }
            }
        }
        return Optional.empty();
    }

    /** A value of the input's type, for inputs other than the customer and the run date: a missing one skips all. */
    private static Object sample(InputDataNode input) {
        String type = CampaignConventions.builtInName(input.getType());
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "number" -> BigDecimal.ONE;
            case "string" -> "probe";
            case "boolean" -> Boolean.TRUE;
            case "date" -> LocalDate.of(2026, 1, 1);
            default -> null;
        };
    }
}
