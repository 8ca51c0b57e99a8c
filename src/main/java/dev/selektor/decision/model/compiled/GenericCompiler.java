package dev.selektor.decision.model.compiled;

import dev.selektor.decision.model.convention.CampaignConventions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.OutputClause;

/**
 * Compiles a model for the generic evaluation endpoint when every decision is a decision table whose inputs are
 * input data or their components ({@code Age}, {@code Applicant.Age}) of type number, string, boolean or date,
 * whose cells are those of {@link CellParser} and whose outputs are literals; otherwise says which construct it
 * does not cover, and the engine evaluates the model.
 */
public final class GenericCompiler {

    private GenericCompiler() {}

    public static GenericPath compile(DMNModel model) {
        try {
            List<CompiledModel.Table> tables = new ArrayList<>();
            for (DecisionNode node : model.getDecisions()) {
                tables.add(table(model, node.getDecision()));
            }
            if (tables.isEmpty()) {
                throw new NotCompilable("no decision");
            }
            return new GenericPath.Compiled(new CompiledModel(tables));
        } catch (NotCompilable e) {
            return new GenericPath.Engine(e.getMessage());
        }
    }

    private static CompiledModel.Table table(DMNModel model, Decision decision) throws NotCompilable {
        String name = decision.getName();
        TableCompiler.onlyInputs(decision);
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            throw new NotCompilable("decision " + name + " is not a decision table");
        }
        CompiledModel.Policy policy = policy(table, name);
        CompiledModel.Aggregation aggregation = table.getAggregation() == null
                ? CompiledModel.Aggregation.NONE
                : CompiledModel.Aggregation.valueOf(table.getAggregation().name());
        List<Column> columns = new ArrayList<>();
        for (InputClause input : table.getInput()) {
            String text = input.getInputExpression() == null
                    ? ""
                    : input.getInputExpression().getText().strip();
            Column column = column(model, text, name);
            columns.add(column.withAllowedValues(
                    input.getInputValues() == null
                            ? null
                            : input.getInputValues().getText(),
                    columns.size()));
        }
        if (columns.isEmpty() || columns.size() >= Inputs.MAX_COLUMNS) {
            throw new NotCompilable("decision " + name + ": a table of " + columns.size() + " inputs");
        }
        List<OutputClause> outputs = table.getOutput();
        if (aggregation != CompiledModel.Aggregation.NONE && outputs.size() != 1) {
            throw new NotCompilable("decision " + name + ": an aggregation over several outputs");
        }
        List<List<Object>> listed = new ArrayList<>();
        for (OutputClause output : outputs) {
            // Default output values need no code: an evaluation where no rule matches always goes to the engine.
            listed.add(
                    output.getOutputValues() == null
                                    || output.getOutputValues().getText() == null
                                    || output.getOutputValues().getText().isBlank()
                            ? null
                            : literals(output.getOutputValues().getText(), name));
        }
        boolean prioritised = policy == CompiledModel.Policy.PRIORITY || policy == CompiledModel.Policy.OUTPUT_ORDER;
        if (prioritised && listed.stream().allMatch(l -> l == null)) {
            throw new NotCompilable("decision " + name + ": " + policy + " without output values to rank by");
        }
        List<DecisionRule> rules = table.getRule();
        CellTest[][] tests = new CellTest[rules.size()][];
        Object[] values = new Object[rules.size()];
        int[][] ranks = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            DecisionRule rule = rules.get(r);
            int row = r + 1;
            if (rule.getInputEntry().size() != columns.size()
                    || rule.getOutputEntry().size() != outputs.size()) {
                throw new NotCompilable("decision " + name + ", row " + row + " has not one cell per column");
            }
            tests[r] = TableCompiler.tests(rule, columns, "decision " + name + ", row " + row);
            Map<String, Object> byName = new LinkedHashMap<>();
            List<Integer> rowRanks = new ArrayList<>();
            for (int o = 0; o < outputs.size(); o++) {
                Object value = literal(rule.getOutputEntry().get(o), name, row);
                List<Object> allowed = listed.get(o);
                if (allowed != null) {
                    int rank = indexOf(allowed, value);
                    if (rank < 0) {
                        throw new NotCompilable(
                                "decision " + name + ", row " + row + ": an output outside its listed values");
                    }
                    rowRanks.add(rank);
                }
                byName.put(outputs.get(o).getName(), value);
            }
            ranks[r] = rowRanks.stream().mapToInt(Integer::intValue).toArray();
            if (outputs.size() == 1) {
                values[r] = byName.values().iterator().next();
            } else {
                if (byName.containsKey(null)) {
                    throw new NotCompilable("decision " + name + ": an output without a name");
                }
                values[r] = java.util.Collections.unmodifiableMap(byName);
            }
        }
        CompiledTable.HitPolicy matching =
                policy == CompiledModel.Policy.FIRST ? CompiledTable.HitPolicy.FIRST : CompiledTable.HitPolicy.UNIQUE;
        return new CompiledModel.Table(
                name,
                columns.toArray(Column[]::new),
                new CompiledTable(tests, matching),
                policy,
                aggregation,
                values,
                ranks);
    }

    private static CompiledModel.Policy policy(DecisionTable table, String name) throws NotCompilable {
        String policy =
                table.getHitPolicy() == null ? "UNIQUE" : table.getHitPolicy().name();
        try {
            return CompiledModel.Policy.valueOf(policy);
        } catch (IllegalArgumentException e) {
            throw new NotCompilable("decision " + name + ": hit policy " + policy);
        }
    }

    /** An input expression naming an input data, or a component of one, with a simple type. */
    private static Column column(DMNModel model, String text, String decision) throws NotCompilable {
        InputDataNode whole = model.getInputByName(text);
        String[] path;
        DMNType type;
        if (whole != null) {
            path = new String[] {text};
            type = whole.getType();
        } else {
            path = text.split("\\.");
            InputDataNode input = model.getInputByName(path[0].strip());
            if (input == null || path.length < 2) {
                throw new NotCompilable("decision " + decision + ": the input expression \"" + text + "\"");
            }
            type = input.getType();
            for (int i = 0; i < path.length; i++) {
                path[i] = path[i].strip();
            }
            for (int i = 1; i < path.length; i++) {
                type = type == null || !type.isComposite()
                        ? null
                        : type.getFields().get(path[i]);
            }
        }
        String builtIn = type == null || type.isCollection() || type.isComposite()
                ? null
                : CampaignConventions.builtInName(type);
        ValueType valueType = switch (builtIn == null ? "" : builtIn) {
            case "number" -> ValueType.NUMBER;
            case "string" -> ValueType.STRING;
            case "boolean" -> ValueType.BOOLEAN;
            case "date" -> ValueType.DATE;
            default ->
                throw new NotCompilable("decision " + decision + ": the input \"" + text + "\" of type "
                        + (type == null ? "unknown" : type.getName()));
        };
        return Column.ofPath(text, path, valueType);
    }

    private static List<Object> literals(String text, String decision) throws NotCompilable {
        List<Object> values = new ArrayList<>();
        for (String part : CellParser.split(text)) {
            values.add(CellParser.outputLiteral(part, "decision " + decision + ", output values"));
        }
        return values;
    }

    private static Object literal(LiteralExpression cell, String decision, int row) throws NotCompilable {
        return CellParser.outputLiteral(cell.getText(), "decision " + decision + ", row " + row);
    }

    /** Numbers rank by value, so 1 and 1.0 are the same listed value. */
    private static int indexOf(List<Object> listed, Object value) {
        for (int i = 0; i < listed.size(); i++) {
            Object v = listed.get(i);
            if (v instanceof BigDecimal a && value instanceof BigDecimal b
                    ? a.compareTo(b) == 0
                    : java.util.Objects.equals(v, value)) {
                return i;
            }
        }
        return -1;
    }
}
