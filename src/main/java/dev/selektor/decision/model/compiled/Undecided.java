package dev.selektor.decision.model.compiled;

/**
 * Thrown inside a compiled table when the answer depends on engine behaviour the compiler does not reproduce
 * (a UNIQUE table with two matching rows, a value outside an input's allowed values, a negated test on a null):
 * the caller then asks the Drools engine for this one evaluation. Preallocated and without a stack trace, because
 * it is control flow, not a failure.
 */
final class Undecided extends RuntimeException {
    static final Undecided INSTANCE = new Undecided();

    private Undecided() {
        super("left to the engine", null, false, false);
    }
}
