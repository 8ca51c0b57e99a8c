package dev.selektor.decision.model;

import dev.selektor.decision.model.compiled.FastPath;
import dev.selektor.decision.model.compiled.GenericPath;
import dev.selektor.decision.model.compiled.SelectionRows;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;

/**
 * A compiled DMN model: an immutable value that any number of threads evaluate at once. A new version is a new
 * value; the registry swaps references, so an evaluation never sees half of an edit.
 *
 * @param rowAnnotations per decision-table decision name, the annotation text of each rule row (index 0 = row 1)
 * @param customerFieldsUsed the customer facts the model's expressions refer to, for explanations
 * @param usesRunDate whether the model's expressions refer to {@code Run Date}
 * @param campaignProblems why this model cannot drive a campaign; empty when it can
 * @param fastPath the compiled form of the campaign decisions, or why the engine evaluates them
 * @param genericPath the compiled form for generic evaluation (inputs by name), or why the engine evaluates it
 */
public record DecisionModel(
        String name,
        String version,
        byte[] content,
        DMNRuntime runtime,
        DMNModel model,
        Map<String, List<String>> rowAnnotations,
        List<String> customerFieldsUsed,
        boolean usesRunDate,
        boolean hasPriority,
        List<ModelProblem> warnings,
        List<ModelProblem> campaignProblems,
        FastPath fastPath,
        GenericPath genericPath) {

    public boolean isCampaignModel() {
        return campaignProblems.isEmpty();
    }

    /** The model's inputs with their types. */
    public List<TypedName> inputTypes() {
        return model.getInputs().stream()
                .map(i -> new TypedName(i.getName(), TypeDescription.describe(i.getType())))
                .toList();
    }

    /** The model's decisions with their result types. */
    public List<TypedName> decisionTypes() {
        return model.getDecisions().stream()
                .map(d -> new TypedName(d.getName(), TypeDescription.describe(d.getResultType())))
                .toList();
    }

    public String xml() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public String annotation(String decisionName, int row) {
        return annotation(rowAnnotations, decisionName, row);
    }

    /** A rule row's annotation (rows from 1) in annotations by decision name; null when it has none. */
    static String annotation(Map<String, List<String>> rowAnnotations, String decisionName, int row) {
        List<String> rows = rowAnnotations.get(decisionName);
        return rows == null || row < 1 || row > rows.size() ? null : rows.get(row - 1);
    }

    /** The Selection table's rows as criteria on customer facts on the run date, for counting its reach. */
    public SelectionRows.Translation selectionRows(LocalDate runDate) {
        return SelectionRows.of(model, this::annotation, runDate);
    }

    /** The same model evaluated by the engine alone: for comparisons of the two paths. */
    public DecisionModel engineOnly() {
        return new DecisionModel(
                name,
                version,
                content,
                runtime,
                model,
                rowAnnotations,
                customerFieldsUsed,
                usesRunDate,
                hasPriority,
                warnings,
                campaignProblems,
                new FastPath.Engine("engine only, for comparison"),
                new GenericPath.Engine("engine only, for comparison"));
    }
}
