package dev.selektor.policy;

import java.util.List;
import java.util.Optional;

/** The global policies every decision passes through (consent, fraud, contact pressure, holdout). */
public interface PolicyRules {

    /** A rule of the policy base with the exclusion code it declared. */
    record Policy(String name, PolicyReason reason) {}

    /** All checks in contract order; {@code vetoBeforeModel} is the first pre-model rejection, if any. */
    record Evaluation(List<PolicyCheck> checks, Optional<PolicyReason> vetoBeforeModel, boolean heldOut) {}

    /** The policies in contract order. */
    List<Policy> policies();

    Evaluation evaluate(PolicySubject subject);
}
