package dev.selektor.decision.model.convention;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.kie.dmn.api.core.DMNType;

/**
 * The contract's conventions for a model that drives a campaign (section 2): inputs {@code Customer} and
 * {@code Run Date}, decision {@code Selection} with {eligible, discountPercent, reason}, optional {@code Priority}; and
 * what a value of {@code Selection} means. Both the engine and the compiled tables rest on these.
 */
public final class CampaignConventions {
    public static final String CUSTOMER = "Customer";
    public static final String RUN_DATE = "Run Date";
    public static final String SELECTION = "Selection";
    public static final String PRIORITY = "Priority";

    /** Contract section 1 fields with their FEEL type; {@code categories} is a list of strings. */
    public static final Map<String, String> CUSTOMER_FIELDS = orderedFields();

    private static Map<String, String> orderedFields() {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("customerId", "string");
        fields.put("segment", "string");
        fields.put("country", "string");
        fields.put("birthDate", "date");
        fields.put("memberSince", "date");
        fields.put("marketingConsent", "boolean");
        fields.put("fraudFlag", "boolean");
        fields.put("orders12m", "number");
        fields.put("revenue12m", "number");
        fields.put("returnRate12m", "number");
        fields.put("lastOrderDate", "date");
        fields.put("categories", "string");
        return java.util.Collections.unmodifiableMap(fields);
    }

    private CampaignConventions() {}

    /**
     * What a value of {@code Selection} means under the contract. Shared with the compiled tables, which classify
     * each rule's literal outputs once, so both paths give the same answer for the same value.
     */
    public static ModelResult classify(
            Object value, List<MatchedRule> matched, List<String> messages, Supplier<Optional<BigDecimal>> priority) {
        if (value == null) {
            return new ModelResult.NoRuleMatched(matched, messages);
        }
        if (!(value instanceof Map<?, ?> map)) {
            messages.add("ERROR Selection must be a structure {eligible, discountPercent, reason}, was " + value);
            return new ModelResult.Failed(matched, messages);
        }
        Object eligible = map.get("eligible");
        Object reason = map.get("reason");
        if (!(eligible instanceof Boolean isEligible)) {
            messages.add("ERROR Selection.eligible must be true or false, was " + eligible);
            return new ModelResult.Failed(matched, messages);
        }
        if (!(reason instanceof String reasonText) || reasonText.isBlank()) {
            messages.add("ERROR Selection.reason must be a non-empty string, was " + reason);
            return new ModelResult.Failed(matched, messages);
        }
        if (!isEligible) {
            return new ModelResult.NotEligible(reasonText, matched, messages);
        }
        Object discount = map.get("discountPercent");
        if (!(discount instanceof BigDecimal percent)
                || percent.signum() <= 0
                || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            messages.add(
                    "ERROR Selection.discountPercent must lie in (0, 100] for an eligible customer, was " + discount);
            return new ModelResult.Failed(matched, messages);
        }
        return new ModelResult.Eligible(percent, reasonText, priority.get(), matched, messages);
    }

    /** The FEEL built-in type a (possibly user-defined, constrained) type rests on, or null. */
    public static String builtInName(DMNType type) {
        DMNType t = type;
        while (t != null) {
            if (t.getNamespace() != null && t.getNamespace().contains("FEEL") || t.getBaseType() == null) {
                return t.getName();
            }
            t = t.getBaseType();
        }
        return null;
    }
}
