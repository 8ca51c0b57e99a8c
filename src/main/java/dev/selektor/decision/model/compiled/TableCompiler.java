package dev.selektor.decision.model.compiled;

import dev.selektor.decision.model.convention.CampaignConventions;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.decision.model.convention.ModelResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.InformationRequirement;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.OutputClause;
import org.kie.dmn.model.api.UnaryTests;

/**
 * Compiles a campaign model's {@code Selection} decision table and {@code Priority} expression when every
 * construct in them is one it covers (hit policies FIRST, UNIQUE and ANY; the cells of {@link CellParser}; the
 * input forms of {@link Column}; literal outputs), and otherwise says which construct it does not cover: that
 * model is then evaluated by the Drools engine, as every model was before. The compiled form answers exactly as
 * the engine does; {@code CompiledTablesAgreementTest} checks it on the benchmark's customers and the regression
 * and TCK cases.
 */
public final class TableCompiler {

    private TableCompiler() {}

    /** @param annotations the annotation of a decision's rule row (1-based), as explanations show it */
    public static FastPath compile(DMNModel model, BiFunction<String, Integer, String> annotations) {
        try {
            return new FastPath.Compiled(compileOrExplain(model, annotations));
        } catch (NotCompilable e) {
            return new FastPath.Engine(e.getMessage());
        }
    }

    private static CompiledCampaignModel compileOrExplain(
            DMNModel model, BiFunction<String, Integer, String> annotations) throws NotCompilable {
        DecisionNode selectionNode = model.getDecisionByName(CampaignConventions.SELECTION);
        if (selectionNode == null) {
            throw new NotCompilable("no decision Selection");
        }
        Decision selection = selectionNode.getDecision();
        onlyInputs(selection);
        if (!(selection.getExpression() instanceof DecisionTable table)) {
            throw new NotCompilable("decision Selection is not a decision table");
        }
        CompiledTable.HitPolicy hitPolicy = hitPolicy(table);
        List<Column> columns = new ArrayList<>();
        for (InputClause input : table.getInput()) {
            Column column = Column.of(
                    input.getInputExpression() == null
                            ? null
                            : input.getInputExpression().getText());
            columns.add(column.withAllowedValues(text(input.getInputValues()), columns.size()));
        }
        if (columns.size() >= Inputs.MAX_COLUMNS) {
            throw new NotCompilable("a table of " + columns.size() + " inputs");
        }
        List<OutputClause> outputs = table.getOutput();
        if (outputs.size() < 2) {
            throw new NotCompilable("a Selection table with a single output");
        }
        for (OutputClause output : outputs) {
            if (text(output.getDefaultOutputEntry()) != null) {
                throw new NotCompilable("a default output value on " + output.getName());
            }
            if (text(output.getOutputValues()) != null) {
                throw new NotCompilable("allowed output values on " + output.getName());
            }
        }
        List<DecisionRule> rules = table.getRule();
        CellTest[][] tests = new CellTest[rules.size()][];
        ModelResult[] answers = new ModelResult[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            DecisionRule rule = rules.get(r);
            int row = r + 1;
            if (rule.getInputEntry().size() != columns.size()
                    || rule.getOutputEntry().size() != outputs.size()) {
                throw new NotCompilable("row " + row + " has not one cell per column");
            }
            tests[r] = tests(rule, columns, "row " + row);
            answers[r] = frozen(ruleAnswer(rule, outputs, row, annotations.apply(CampaignConventions.SELECTION, row)));
        }
        int priorityColumn = -1;
        DecisionNode priorityNode = model.getDecisionByName(CampaignConventions.PRIORITY);
        if (priorityNode != null) {
            onlyInputs(priorityNode.getDecision());
            if (!(priorityNode.getDecision().getExpression() instanceof LiteralExpression literal)) {
                throw new NotCompilable("decision Priority is not a literal expression");
            }
            Column priority = Column.of(literal.getText());
            if (priority.type != ValueType.NUMBER) {
                throw new NotCompilable("decision Priority is not a number expression");
            }
            priorityColumn = columns.size();
            columns.add(priority);
        }
        return new CompiledCampaignModel(
                columns.toArray(Column[]::new), new CompiledTable(tests, hitPolicy), answers, priorityColumn);
    }

    /** The tests of one rule's input entries, "any" cells left out; {@code where} names the row in a refusal. */
    static CellTest[] tests(DecisionRule rule, List<Column> columns, String where) throws NotCompilable {
        List<CellTest> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            try {
                CellTest test = CellParser.parse(rule.getInputEntry().get(c).getText(), c, columns.get(c).type);
                if (test != null) {
                    cells.add(test);
                }
            } catch (NotCompilable e) {
                throw new NotCompilable(where + ", input \"" + columns.get(c).text + "\": " + e.getMessage());
            }
        }
        return cells.toArray(CellTest[]::new);
    }

    /** A decision the compiled tables can evaluate alone: its inputs are input data, not other decisions or functions. */
    static void onlyInputs(Decision decision) throws NotCompilable {
        for (InformationRequirement requirement : decision.getInformationRequirement()) {
            if (requirement.getRequiredDecision() != null) {
                throw new NotCompilable("decision " + decision.getName() + " requires another decision");
            }
        }
        if (!decision.getKnowledgeRequirement().isEmpty()) {
            throw new NotCompilable("decision " + decision.getName() + " invokes a business knowledge model");
        }
    }

    private static CompiledTable.HitPolicy hitPolicy(DecisionTable table) throws NotCompilable {
        String policy =
                table.getHitPolicy() == null ? "UNIQUE" : table.getHitPolicy().name();
        return switch (policy) {
            case "FIRST" -> CompiledTable.HitPolicy.FIRST;
            case "UNIQUE" -> CompiledTable.HitPolicy.UNIQUE;
            case "ANY" -> CompiledTable.HitPolicy.ANY;
            default -> throw new NotCompilable("hit policy " + policy);
        };
    }

    /**
     * What a Selection rule decides, from its literal outputs, as a decision through it classifies them; or why its
     * outputs are not literals.
     */
    static ModelResult ruleAnswer(DecisionRule rule, List<OutputClause> outputs, int row, String annotation)
            throws NotCompilable {
        Map<String, Object> value = new LinkedHashMap<>();
        for (int o = 0; o < outputs.size(); o++) {
            String output = outputs.get(o).getName();
            value.put(
                    output,
                    CellParser.outputLiteral(
                            rule.getOutputEntry().get(o).getText(), "row " + row + ", output " + output));
        }
        return CampaignConventions.classify(
                value,
                List.of(new MatchedRule(CampaignConventions.SELECTION, row, annotation)),
                new ArrayList<>(),
                Optional::empty);
    }

    private static String text(UnaryTests tests) {
        return tests == null || tests.getText() == null || tests.getText().isBlank()
                ? null
                : tests.getText().strip();
    }

    private static String text(LiteralExpression expression) {
        return expression == null
                        || expression.getText() == null
                        || expression.getText().isBlank()
                ? null
                : expression.getText();
    }

    /** The template answer with unmodifiable lists, since it is shared by every evaluation of the row. */
    private static ModelResult frozen(ModelResult result) {
        List<String> messages = List.copyOf(result.messages());
        List<MatchedRule> matched = List.copyOf(result.matchedRules());
        if (result instanceof ModelResult.Eligible e) {
            return new ModelResult.Eligible(e.discountPercent(), e.reason(), e.priority(), matched, messages);
        }
        if (result instanceof ModelResult.NotEligible n) {
            return new ModelResult.NotEligible(n.reason(), matched, messages);
        }
        if (result instanceof ModelResult.NoRuleMatched) {
            return new ModelResult.NoRuleMatched(matched, messages);
        }
        return new ModelResult.Failed(matched, messages);
    }
}
