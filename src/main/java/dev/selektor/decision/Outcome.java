package dev.selektor.decision;

import dev.selektor.decision.model.convention.ModelResult;
import java.math.BigDecimal;

/** The final answer for one customer in one campaign (contract section 5). Only {@link Selected} is eligible. */
public sealed interface Outcome {

    enum Kind {
        SELECTED,
        REJECTED,
        HOLDOUT,
        CAPPED
    }

    /** Who produced the reason: a policy or service code, or the model's own words. */
    enum ReasonSource {
        POLICY,
        MODEL
    }

    Kind kind();

    String reason();

    ReasonSource reasonSource();

    default boolean eligible() {
        return kind() == Kind.SELECTED;
    }

    default BigDecimal discountPercent() {
        return BigDecimal.ZERO;
    }

    record Selected(BigDecimal discountPercent, String reason) implements Outcome {
        public Kind kind() {
            return Kind.SELECTED;
        }

        public ReasonSource reasonSource() {
            return ReasonSource.MODEL;
        }
    }

    record Rejected(String reason, ReasonSource reasonSource) implements Outcome {
        public Kind kind() {
            return Kind.REJECTED;
        }
    }

    /** Selected by the model, kept back in the campaign's control group. */
    record HeldOut() implements Outcome {
        public Kind kind() {
            return Kind.HOLDOUT;
        }

        public String reason() {
            return "HOLDOUT";
        }

        public ReasonSource reasonSource() {
            return ReasonSource.POLICY;
        }
    }

    /** Eligible, but beyond the campaign's maxCustomers. */
    record Capped() implements Outcome {
        public Kind kind() {
            return Kind.CAPPED;
        }

        public String reason() {
            return "CAPPED";
        }

        public ReasonSource reasonSource() {
            return ReasonSource.POLICY;
        }
    }

    static Outcome rejectedBy(String code) {
        return new Rejected(code, ReasonSource.POLICY);
    }

    /** What the model's answer alone decides, before holdout: a table's row and a decision word it alike. */
    static Outcome ofModel(ModelResult result) {
        if (result instanceof ModelResult.Eligible e) {
            return new Selected(e.discountPercent(), e.reason());
        }
        if (result instanceof ModelResult.NotEligible n) {
            return new Rejected(n.reason(), ReasonSource.MODEL);
        }
        return rejectedBy(result instanceof ModelResult.NoRuleMatched ? "NO_RULE_MATCHED" : "MODEL_ERROR");
    }
}
