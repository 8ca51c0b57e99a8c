package dev.selektor.decision.model.compiled;

/** How the generic evaluation endpoint evaluates a model: by its compiled tables, or by the engine and why. */
public sealed interface GenericPath {

    String describe();

    record Compiled(CompiledModel model) implements GenericPath {
        public String describe() {
            return "compiled: " + model.summary();
        }
    }

    record Engine(String reason) implements GenericPath {
        public String describe() {
            return "engine: " + reason;
        }
    }
}
