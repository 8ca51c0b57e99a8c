package dev.selektor.decision.model.compiled;

/**
 * A decision table compiled to tests on lazily read columns. Rules are tried in order; FIRST stops at the first
 * match, UNIQUE and ANY look at every rule, and a second match (an error for UNIQUE, a choice between outputs for
 * ANY) is left to the engine so that its messages and choice stay the engine's.
 */
final class CompiledTable {
    enum HitPolicy {
        FIRST,
        UNIQUE,
        ANY
    }

    private final CellTest[][] rules;
    private final HitPolicy hitPolicy;

    CompiledTable(CellTest[][] rules, HitPolicy hitPolicy) {
        this.rules = rules;
        this.hitPolicy = hitPolicy;
    }

    int rowCount() {
        return rules.length;
    }

    /** The 0-based index of the deciding rule, or -1 when none matches. */
    int match(Inputs in) {
        if (hitPolicy == HitPolicy.FIRST) {
            for (int r = 0; r < rules.length; r++) {
                if (matches(rules[r], in)) {
                    return r;
                }
            }
            return -1;
        }
        int found = -1;
        for (int r = 0; r < rules.length; r++) {
            if (matches(rules[r], in)) {
                if (found >= 0) {
                    throw Undecided.INSTANCE;
                }
                found = r;
            }
        }
        return found;
    }

    /** Every matching rule's 0-based index, in rule order: for the multiple-hit policies. */
    int[] matchAll(Inputs in) {
        int[] found = new int[rules.length];
        int n = 0;
        for (int r = 0; r < rules.length; r++) {
            if (matches(rules[r], in)) {
                found[n++] = r;
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }

    private static boolean matches(CellTest[] tests, Inputs in) {
        for (CellTest test : tests) {
            if (!test.test(in)) {
                return false;
            }
        }
        return true;
    }
}
