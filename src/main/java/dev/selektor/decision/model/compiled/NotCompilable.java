package dev.selektor.decision.model.compiled;

/** A construct the compiler does not cover; the message names it, and the model is evaluated by the engine. */
final class NotCompilable extends Exception {
    NotCompilable(String reason) {
        super(reason, null, false, false);
    }
}
