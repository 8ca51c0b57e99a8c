package dev.selektor.authoring;

import dev.selektor.decision.model.ModelProblem;
import java.util.List;

/** A draft that failed validation: nothing was stored; each problem names its element and reason. */
public class DraftRejectedException extends RuntimeException {
    private final List<ModelProblem> problems;

    public DraftRejectedException(String message, List<ModelProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
