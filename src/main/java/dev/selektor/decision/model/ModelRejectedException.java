package dev.selektor.decision.model;

import java.util.List;
import java.util.stream.Collectors;

/** A decision model that may not go live, with every problem found. */
public class ModelRejectedException extends RuntimeException {
    private final String source;
    private final List<ModelProblem> problems;

    public ModelRejectedException(String source, List<ModelProblem> problems) {
        super("Decision model " + source + " is rejected:"
                + problems.stream()
                        .filter(p -> p.severity() == ModelProblem.Severity.ERROR)
                        .map(p -> "\n  - " + p)
                        .collect(Collectors.joining()));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
