package dev.selektor.decision.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.LiteralExpression;

/**
 * Which rule rows of which decision tables differ between two versions, row by row in table order, in words a
 * marketer reads in the audit trail: "Selection row 3 changed: ...", "row 9 added", "row 8 removed".
 */
public final class RuleRowDiff {
    private RuleRowDiff() {}

    public static List<String> between(DecisionModel before, DecisionModel after) {
        Map<String, List<String>> old = rows(before);
        Map<String, List<String>> now = rows(after);
        List<String> changes = new ArrayList<>();
        for (var table : now.entrySet()) {
            List<String> was = old.getOrDefault(table.getKey(), List.of());
            List<String> is = table.getValue();
            for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
                String label = table.getKey() + " row " + (i + 1);
                if (i >= was.size()) {
                    changes.add(label + " added: " + is.get(i));
                } else if (i >= is.size()) {
                    changes.add(label + " removed: " + was.get(i));
                } else if (!was.get(i).equals(is.get(i))) {
                    changes.add(label + " changed: " + was.get(i) + " -> " + is.get(i));
                }
            }
        }
        old.keySet().stream()
                .filter(name -> !now.containsKey(name))
                .forEach(name -> changes.add(name + ": decision table removed"));
        return changes;
    }

    /** Every decision table's rows as "inputs | outputs | annotation" text. */
    static Map<String, List<String>> rows(DecisionModel model) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (DecisionNode decision : model.model().getDecisions()) {
            if (decision.getDecision().getExpression() instanceof DecisionTable table) {
                List<String> rows = new ArrayList<>();
                for (DecisionRule rule : table.getRule()) {
                    String inputs = rule.getInputEntry().stream()
                            .map(e -> e.getText().strip())
                            .collect(Collectors.joining(", "));
                    String outputs = rule.getOutputEntry().stream()
                            .map(LiteralExpression::getText)
                            .map(String::strip)
                            .collect(Collectors.joining(", "));
                    String note = rule.getAnnotationEntry().isEmpty()
                            ? ""
                            : " (" + rule.getAnnotationEntry().get(0).getText().strip() + ")";
                    rows.add("[" + inputs + "] -> [" + outputs + "]" + note);
                }
                tables.put(decision.getName(), rows);
            }
        }
        return tables;
    }
}
