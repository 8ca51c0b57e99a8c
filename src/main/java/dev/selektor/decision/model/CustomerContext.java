package dev.selektor.decision.model;

import dev.selektor.customer.CustomerFacts;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The customer's facts as the DMN engine wants them: a FEEL context with BigDecimal numbers and LocalDate dates. */
public final class CustomerContext {
    private CustomerContext() {}

    public static Map<String, Object> of(CustomerFacts facts) {
        Map<String, Object> context = new HashMap<>(16);
        context.put("customerId", facts.customerId());
        context.put("segment", facts.segment().name());
        context.put("country", facts.country());
        context.put("birthDate", facts.birthDate().orElse(null));
        context.put("memberSince", facts.memberSince());
        context.put("marketingConsent", facts.marketingConsent());
        context.put("fraudFlag", facts.fraudFlag());
        context.put("orders12m", BigDecimal.valueOf(facts.orders12m()));
        context.put("revenue12m", facts.revenue12m());
        context.put("returnRate12m", facts.returnRate12m());
        context.put("lastOrderDate", facts.lastOrderDate().orElse(null));
        context.put("categories", facts.categories());
        return context;
    }

    /** One fact as {@link #of} gives it, without building the whole context. */
    public static Object field(CustomerFacts facts, String name) {
        return switch (name) {
            case "customerId" -> facts.customerId();
            case "segment" -> facts.segment().name();
            case "country" -> facts.country();
            case "birthDate" -> facts.birthDate().orElse(null);
            case "memberSince" -> facts.memberSince();
            case "marketingConsent" -> facts.marketingConsent();
            case "fraudFlag" -> facts.fraudFlag();
            case "orders12m" -> BigDecimal.valueOf(facts.orders12m());
            case "revenue12m" -> facts.revenue12m();
            case "returnRate12m" -> facts.returnRate12m();
            case "lastOrderDate" -> facts.lastOrderDate().orElse(null);
            case "categories" -> facts.categories();
            default -> throw new IllegalArgumentException("no customer fact " + name);
        };
    }
}
