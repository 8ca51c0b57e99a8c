package dev.selektor.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The compiled global policies: an immutable value, safe to share between threads. Rules are evaluated together
 * in one stateless session; which rejection wins is decided here by the contract's order, not by rule firing order.
 */
public final class PolicyRules {

    /** A rule of the policy base with the exclusion code it declared. */
    public record Policy(String name, PolicyReason reason) { }

    /** All checks in contract order; {@code vetoBeforeModel} is the first pre-model rejection, if any. */
    public record Evaluation(List<PolicyCheck> checks, Optional<PolicyReason> vetoBeforeModel, boolean heldOut) { }

    private final KieBase kieBase;
    private final List<Policy> policies;
    /**
     * Sessions are reset and reused instead of built for every decision: building one costs more than the rules.
     * The pool grows to the number of threads deciding at once.
     */
    private final org.kie.api.runtime.KieSessionsPool sessions;

    PolicyRules(KieBase kieBase, List<Policy> policies) {
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.policies = policies.stream().sorted(Comparator.comparing(Policy::reason)).toList();
    }

    public List<Policy> policies() {
        return policies;
    }

    public Evaluation evaluate(PolicySubject subject) {
        StatelessKieSession session = sessions.newStatelessKieSession();
        PolicyVerdicts verdicts = new PolicyVerdicts();
        session.setGlobal("verdicts", verdicts);
        session.execute(subject);
        List<PolicyVerdicts.Rejection> rejections = verdicts.rejections();
        // Loops, not streams: this runs for every decision, and a handful of policies is all there is.
        List<PolicyCheck> checks = new ArrayList<>(policies.size());
        for (Policy policy : policies) {
            PolicyVerdicts.Rejection rejection = null;
            for (PolicyVerdicts.Rejection r : rejections) {
                if (r.policy().equals(policy.name())) {
                    rejection = r;
                    break;
                }
            }
            checks.add(rejection == null
                    ? new PolicyCheck(policy.name(), PolicyCheck.Result.PASSED, policy.reason())
                    : new PolicyCheck(policy.name(), PolicyCheck.Result.REJECTED, rejection.reason()));
        }
        PolicyReason first = null;
        boolean heldOut = false;
        for (PolicyVerdicts.Rejection r : rejections) {
            if (r.reason().phase() == PolicyReason.Phase.BEFORE_MODEL && (first == null || r.reason().compareTo(first) < 0)) {
                first = r.reason();
            }
            heldOut |= r.reason() == PolicyReason.HOLDOUT;
        }
        return new Evaluation(Collections.unmodifiableList(checks), Optional.ofNullable(first), heldOut);
    }
}
