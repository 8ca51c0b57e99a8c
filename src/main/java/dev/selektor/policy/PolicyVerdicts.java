package dev.selektor.policy;

import java.util.ArrayList;
import java.util.List;

/** Collects what the policy rules decided for one subject; the DRL global {@code verdicts}. */
public final class PolicyVerdicts {

    public record Rejection(String policy, PolicyReason reason) {}

    private final List<Rejection> rejections = new ArrayList<>(2);

    /** Called from a rule's consequence; an unknown code fails loudly rather than being ignored. */
    public void reject(String policy, String reasonCode) {
        rejections.add(new Rejection(policy, PolicyReason.valueOf(reasonCode)));
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
