package dev.selektor.decision.model.compiled;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.model.convention.CampaignConventions;
import dev.selektor.decision.model.convention.ModelResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A campaign model's {@code Selection} table (and {@code Priority} expression) compiled for direct evaluation on
 * {@link CustomerFacts}: no FEEL context, no maps, no engine events. Each rule's answer is worked out once when
 * the model is compiled, because its outputs are literals; an evaluation only finds the rule and, for an eligible
 * customer, reads the priority. Immutable and shared by all threads.
 */
public final class CompiledCampaignModel {
    /** The engine's words when no rule matches a table without default outputs, which the explanation repeats. */
    private static final ModelResult NO_RULE_MATCHED = new ModelResult.NoRuleMatched(
            List.of(),
            List.of("WARN No rule matched for " + "decision table '" + CampaignConventions.SELECTION
                    + "' and no default values were defined. Setting result to null."));

    private final Column[] columns;
    private final CompiledTable selection;
    /** The answer of each rule, as the engine path classifies the rule's output values. */
    private final ModelResult[] answers;
    /** The column holding Priority's value; -1 when the model has no Priority. */
    private final int priorityColumn;

    CompiledCampaignModel(Column[] columns, CompiledTable selection, ModelResult[] answers, int priorityColumn) {
        this.columns = columns;
        this.selection = selection;
        this.answers = answers;
        this.priorityColumn = priorityColumn;
    }

    /**
     * The model's answer for one customer, or null when this evaluation must be left to the engine (see
     * {@link Undecided}); the caller then evaluates with the engine, so the answer is always the engine's.
     */
    public ModelResult evaluate(CustomerFacts facts, LocalDate runDate) {
        Inputs in = Inputs.forThread(columns, facts, runDate);
        try {
            int row = selection.match(in);
            if (row < 0) {
                return NO_RULE_MATCHED;
            }
            ModelResult answer = answers[row];
            if (priorityColumn >= 0 && answer instanceof ModelResult.Eligible e) {
                Object priority = Column.feelValue(in, priorityColumn);
                return new ModelResult.Eligible(
                        e.discountPercent(),
                        e.reason(),
                        Optional.ofNullable((BigDecimal) priority),
                        e.matchedRules(),
                        e.messages());
            }
            return answer;
        } catch (Undecided undecided) {
            return null;
        } finally {
            in.release();
        }
    }

    String summary() {
        return "Selection, " + selection.rowCount() + " rows" + (priorityColumn >= 0 ? ", and Priority" : "");
    }
}
