package dev.selektor.selection;

import dev.selektor.decision.Explanation;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.convention.MatchedRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stored result's explanation as at its run: the stored part plus each matched row's annotation, found again in the
 * model version that decided, so that the result explains itself after the facts, or the live model, have changed.
 */
@ApplicationScoped
public class ResultExplanations {

    @Inject
    SelectionRunRepository runs;

    @Inject
    DecisionModelRegistry registry;

    /** A run's model never changes; results are read run by run. */
    private final Map<String, String> modelOfRun = new ConcurrentHashMap<>();

    public SelectionResult annotated(SelectionResult result) {
        if (result.explanation().isEmpty()
                || result.explanation().get().matchedRules().isEmpty()) {
            return result;
        }
        Optional<DecisionModel> model =
                modelOf(result.runId()).flatMap(name -> registry.find(name, result.modelVersion()));
        if (model.isEmpty()) {
            return result;
        }
        Explanation stored = result.explanation().get();
        List<MatchedRule> rows = stored.matchedRules().stream()
                .map(rule -> new MatchedRule(
                        rule.decision(), rule.row(), model.get().annotation(rule.decision(), rule.row())))
                .toList();
        return result.withExplanation(new Explanation(stored.policies(), rows, stored.inputs(), stored.messages()));
    }

    private Optional<String> modelOf(String runId) {
        String known = modelOfRun.get(runId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = runs.find(runId).map(SelectionRun::decisionModel);
        found.ifPresent(name -> modelOfRun.put(runId, name));
        return found;
    }
}
