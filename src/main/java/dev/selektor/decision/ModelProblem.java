package dev.selektor.decision;

/** One thing wrong with a decision model, located as precisely as the check can: model file, element, reason. */
public record ModelProblem(Severity severity, String element, String message) {

    public enum Severity { ERROR, WARNING }

    public static ModelProblem error(String element, String message) {
        return new ModelProblem(Severity.ERROR, element, message);
    }

    public static ModelProblem warning(String element, String message) {
        return new ModelProblem(Severity.WARNING, element, message);
    }

    @Override
    public String toString() {
        return severity + " " + (element == null || element.isBlank() ? "" : element + ": ") + message;
    }
}
