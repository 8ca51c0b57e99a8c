package dev.selektor.decision.model;

import java.util.Optional;
import org.kie.dmn.model.api.DMNModelInstrumentedBase;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.NamedElement;
import org.kie.dmn.model.api.OutputClause;
import org.kie.dmn.model.api.UnaryTests;

/**
 * Finds the decision-table cell an engine message points at. The engine names rules by number in its text but
 * not the column, and a marketer fixing a table needs both.
 */
final class TableCellLocator {
    private TableCellLocator() {}

    // The engine reports a cell's compile error against its rule, quoting the cell's text.
    private static final java.util.regex.Pattern QUOTED =
            java.util.regex.Pattern.compile("expression '(.*)' on decision table");

    static Optional<ModelProblem.TableCell> locate(Object reference, String message) {
        if (!(reference instanceof DMNModelInstrumentedBase element)) {
            return Optional.empty();
        }
        DMNModelInstrumentedBase child = null;
        DMNModelInstrumentedBase current = element;
        while (current != null && !(current instanceof DecisionRule)) {
            child = current;
            current = current.getParent();
        }
        if (!(current instanceof DecisionRule rule) || !(rule.getParent() instanceof DecisionTable table)) {
            return Optional.empty();
        }
        int row = indexOf(table.getRule(), rule) + 1;
        if (row == 0) {
            return Optional.empty();
        }
        Optional<String> column = Optional.empty();
        if (child == null) {
            child = quotedCell(rule, message);
        }
        if (child instanceof UnaryTests test) {
            int i = indexOf(rule.getInputEntry(), test);
            if (i >= 0 && i < table.getInput().size()) {
                column = Optional.of(label(table.getInput().get(i)));
            }
        } else if (child instanceof LiteralExpression output) {
            int i = indexOf(rule.getOutputEntry(), output);
            if (i >= 0 && i < table.getOutput().size()) {
                column = Optional.ofNullable(label(table.getOutput().get(i)));
            }
        }
        String decision = table.getParent() instanceof NamedElement named ? named.getName() : "decision table";
        return Optional.of(new ModelProblem.TableCell(decision, row, column));
    }

    private static DMNModelInstrumentedBase quotedCell(DecisionRule rule, String message) {
        java.util.regex.Matcher quoted = QUOTED.matcher(message == null ? "" : message);
        if (!quoted.find()) {
            return null;
        }
        String text = quoted.group(1);
        for (UnaryTests test : rule.getInputEntry()) {
            if (text.equals(test.getText())) {
                return test;
            }
        }
        for (LiteralExpression output : rule.getOutputEntry()) {
            if (text.equals(output.getText())) {
                return output;
            }
        }
        return null;
    }

    private static String label(InputClause input) {
        if (input.getLabel() != null && !input.getLabel().isBlank()) {
            return input.getLabel();
        }
        return input.getInputExpression() == null
                ? "input"
                : input.getInputExpression().getText();
    }

    private static String label(OutputClause output) {
        return output.getName() != null && !output.getName().isBlank() ? output.getName() : output.getLabel();
    }

    // By identity: the model's elements do not define equality, and two equal cells are still two cells.
    private static int indexOf(java.util.List<?> list, Object item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }
}
