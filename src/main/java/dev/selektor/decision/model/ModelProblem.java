package dev.selektor.decision.model;

import java.util.Optional;

/**
 * One thing wrong with a decision model, located as precisely as the check can: model file, element, reason, and
 * for a problem in a decision table the cell (decision, rule row, column), so that an editor can point at it.
 */
public record ModelProblem(Severity severity, String element, String message, Optional<TableCell> cell) {

    public enum Severity {
        ERROR,
        WARNING
    }

    /**
     * A cell of a decision table: the decision's name, the rule row (1-based, as the engine counts) and the column;
     * without a row for a column's header (its input expression or allowed values).
     */
    public record TableCell(String decision, Optional<Integer> row, Optional<String> column) {
        public TableCell(String decision, int row, Optional<String> column) {
            this(decision, Optional.of(row), column);
        }

        @Override
        public String toString() {
            return decision
                    + row.map(r -> " row " + r).orElse("")
                    + column.map(c -> ", column " + c).orElse("");
        }
    }

    public static ModelProblem error(String element, String message) {
        return new ModelProblem(Severity.ERROR, element, message, Optional.empty());
    }

    public static ModelProblem warning(String element, String message) {
        return new ModelProblem(Severity.WARNING, element, message, Optional.empty());
    }

    @Override
    public String toString() {
        String where = cell.map(TableCell::toString).orElse(element == null ? "" : element);
        return severity + " " + (where.isBlank() ? "" : where + ": ") + message;
    }
}
