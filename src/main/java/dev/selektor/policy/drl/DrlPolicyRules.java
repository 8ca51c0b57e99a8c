package dev.selektor.policy.drl;

import dev.selektor.policy.PolicyCheck;
import dev.selektor.policy.PolicyReason;
import dev.selektor.policy.PolicyRules;
import dev.selektor.policy.PolicySubject;
import dev.selektor.policy.PolicyVerdicts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The global policies compiled from DRL: an immutable value, safe to share between threads. Rules are evaluated
 * together in one stateless session; which rejection wins is decided here by the contract's order, not by rule firing
 * order.
 */
final class DrlPolicyRules implements PolicyRules {

    private final KieBase kieBase;
    private final List<Policy> policies;
    /**
     * Sessions are reset and reused instead of built for every decision: building one costs more than the rules.
     * The pool grows to the number of threads deciding at once.
     */
    private final org.kie.api.runtime.KieSessionsPool sessions;

    DrlPolicyRules(KieBase kieBase, List<Policy> policies) {
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.policies =
                policies.stream().sorted(Comparator.comparing(Policy::reason)).toList();
    }

    @Override
    public List<Policy> policies() {
        return policies;
    }

    @Override
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
            checks.add(
                    rejection == null
                            ? new PolicyCheck(policy.name(), PolicyCheck.Result.PASSED, policy.reason())
                            : new PolicyCheck(policy.name(), PolicyCheck.Result.REJECTED, rejection.reason()));
        }
        PolicyReason first = null;
        boolean heldOut = false;
        for (PolicyVerdicts.Rejection r : rejections) {
            if (r.reason().phase() == PolicyReason.Phase.BEFORE_MODEL
                    && (first == null || r.reason().compareTo(first) < 0)) {
                first = r.reason();
            }
            heldOut |= r.reason() == PolicyReason.HOLDOUT;
        }
        return new Evaluation(Collections.unmodifiableList(checks), Optional.ofNullable(first), heldOut);
    }
}
