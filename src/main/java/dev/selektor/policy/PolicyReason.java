package dev.selektor.policy;

/**
 * The exclusion codes policies may give, in the contract's order of precedence. Policies that come before the
 * campaign model veto it; {@link #HOLDOUT} only applies to customers the model selected.
 */
public enum PolicyReason {
    NO_CONSENT(Phase.BEFORE_MODEL),
    FRAUD_SUSPECTED(Phase.BEFORE_MODEL),
    CONTACT_PRESSURE(Phase.BEFORE_MODEL),
    HOLDOUT(Phase.AFTER_MODEL);

    public enum Phase {
        BEFORE_MODEL,
        AFTER_MODEL
    }

    private final Phase phase;

    PolicyReason(Phase phase) {
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }
}
