package dev.selektor.audience;

import java.util.List;

/**
 * A condition on a customer's facts built from audience filters with and, or and not: what one rule row of a
 * decision table asks, in terms an index can count. A missing fact never meets a filter, as in a decision table.
 */
public sealed interface Criterion {

    /** The filter holds. */
    record Holds(AudienceFilter filter) implements Criterion {}

    /** The customer has no value for the fact. */
    record Missing(CustomerFact fact) implements Criterion {}

    /** Every part holds; no parts: always. */
    record All(List<Criterion> parts) implements Criterion {
        public All {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part holds; no parts: never. */
    record AnyOf(List<Criterion> parts) implements Criterion {
        public AnyOf {
            parts = List.copyOf(parts);
        }
    }

    /** The inner criterion does not hold. */
    record Not(Criterion inner) implements Criterion {}

    Criterion ALWAYS = new All(List.of());
    Criterion NEVER = new AnyOf(List.of());

    static Criterion all(List<Criterion> parts) {
        return parts.size() == 1 ? parts.get(0) : new All(parts);
    }

    static Criterion anyOf(List<Criterion> parts) {
        return parts.size() == 1 ? parts.get(0) : new AnyOf(parts);
    }
}
