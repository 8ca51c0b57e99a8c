package dev.selektor.decision.model.compiled;

import dev.selektor.audience.Criterion;
import dev.selektor.decision.model.convention.CampaignConventions;
import dev.selektor.decision.model.convention.ModelResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.OutputClause;

/**
 * A campaign model's {@code Selection} rows as criteria on customer facts, for a table's reach: each row's cells
 * and-ed, each cell as {@link CellTest} reads it on the run date. A cell or column that is not one of those forms
 * matches everyone in its row's criterion, and the row says why it is only an upper bound. A table whose rows
 * cannot be read at all (another decision feeds it, a hit policy that adds up rows, outputs that are not
 * literals) is {@link Unanswerable}.
 */
public final class SelectionRows {

    public enum HitPolicy {
        FIRST,
        UNIQUE,
        ANY
    }

    public sealed interface Translation {}

    /** @param rows every rule row, in table order */
    public record Table(HitPolicy hitPolicy, List<Row> rows) implements Translation {}

    public record Unanswerable(String reason) implements Translation {}

    /**
     * @param row 1-based
     * @param answer what the row decides, as a decision would classify it
     * @param note why the criterion is not exact, if it is not
     */
    public record Row(int row, ModelResult answer, String annotation, Criterion criterion, Optional<String> note) {}

    private SelectionRows() {}

    public static Translation of(DMNModel model, BiFunction<String, Integer, String> annotations, LocalDate runDate) {
        try {
            return table(model, annotations, runDate);
        } catch (NotCompilable e) {
            return new Unanswerable(e.getMessage());
        }
    }

    private static Table table(DMNModel model, BiFunction<String, Integer, String> annotations, LocalDate runDate)
            throws NotCompilable {
        DecisionNode node = model.getDecisionByName(CampaignConventions.SELECTION);
        if (node == null) {
            throw new NotCompilable("the model has no decision Selection");
        }
        TableCompiler.onlyInputs(node.getDecision());
        if (!(node.getDecision().getExpression() instanceof DecisionTable table)) {
            throw new NotCompilable("decision Selection is not a decision table");
        }
        HitPolicy hitPolicy = hitPolicy(table);
        List<ColumnCriteria> columns = new ArrayList<>();
        List<String> columnProblems = new ArrayList<>();
        for (InputClause input : table.getInput()) {
            String text = input.getInputExpression() == null
                    ? null
                    : input.getInputExpression().getText();
            try {
                columns.add(new ColumnCriteria(Column.of(text), runDate));
                columnProblems.add(null);
            } catch (NotCompilable e) {
                columns.add(null);
                columnProblems.add(e.getMessage());
            }
        }
        List<OutputClause> outputs = table.getOutput();
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < table.getRule().size(); r++) {
            DecisionRule rule = table.getRule().get(r);
            int row = r + 1;
            if (rule.getInputEntry().size() != columns.size()
                    || rule.getOutputEntry().size() != outputs.size()) {
                throw new NotCompilable("row " + row + " has not one cell per column");
            }
            String annotation = annotations.apply(CampaignConventions.SELECTION, row);
            ModelResult answer = TableCompiler.ruleAnswer(rule, outputs, row, annotation);
            rows.add(row(rule, row, columns, columnProblems, answer, annotation));
        }
        return new Table(hitPolicy, List.copyOf(rows));
    }

    private static Row row(
            DecisionRule rule,
            int row,
            List<ColumnCriteria> columns,
            List<String> columnProblems,
            ModelResult answer,
            String annotation) {
        List<Criterion> cells = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String cell = rule.getInputEntry().get(c).getText();
            if (cell == null || cell.isBlank() || cell.strip().equals("-")) {
                continue;
            }
            String where = "column " + (c + 1) + ": the cell '" + cell.strip() + "'";
            if (columns.get(c) == null) {
                notes.add(where + " tests " + columnProblems.get(c));
                continue;
            }
            try {
                CellTest test = CellParser.parse(cell, c, columns.get(c).type());
                cells.add(test.criterion(columns.get(c)));
            } catch (NotCompilable e) {
                notes.add(where + " is " + e.getMessage());
            }
        }
        Optional<String> note = notes.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join("; ", notes) + " (counted as if it matched everyone)");
        return new Row(row, answer, annotation, Criterion.all(cells), note);
    }

    private static HitPolicy hitPolicy(DecisionTable table) throws NotCompilable {
        String policy =
                table.getHitPolicy() == null ? "UNIQUE" : table.getHitPolicy().name();
        return switch (policy) {
            case "FIRST" -> HitPolicy.FIRST;
            case "UNIQUE" -> HitPolicy.UNIQUE;
            case "ANY" -> HitPolicy.ANY;
            default ->
                throw new NotCompilable("hit policy " + policy + ": a customer may count for several rows at once");
        };
    }
}
