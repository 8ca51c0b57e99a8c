package dev.selektor.reach;

import dev.selektor.audience.AudienceFilter;
import dev.selektor.audience.Criterion;
import dev.selektor.audience.CustomerFact;
import dev.selektor.decision.model.compiled.SelectionRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions one reach puts to the index, by name: the policies that reject a customer before the table, and
 * for every row the customers it decides under the hit policy. FIRST rows are disjoint, so their totals are sums;
 * under UNIQUE and ANY a customer may meet several rows, so totals are asked as unions.
 */
final class RowCounts {
    static final String NO_CONSENT = "NO_CONSENT";
    static final String FRAUD_SUSPECTED = "FRAUD_SUSPECTED";
    static final String NO_RULE_MATCHED = "noRuleMatched";

    /** Consent and fraud are checked before the model: only customers passing both reach a row. */
    static final Criterion PASSES_POLICIES =
            new Criterion.All(List.of(is(CustomerFact.MARKETING_CONSENT, true), is(CustomerFact.FRAUD_FLAG, false)));

    private RowCounts() {}

    static String row(int row) {
        return "row-" + row;
    }

    static String union(String group) {
        return "union-" + group;
    }

    /** Every bucket to count: policies, rows, no rule matched, and for UNIQUE and ANY the unions per group. */
    static Map<String, Criterion> buckets(SelectionRows.Table table, Map<String, List<Integer>> groups) {
        Map<String, Criterion> buckets = new LinkedHashMap<>();
        buckets.put(NO_CONSENT, is(CustomerFact.MARKETING_CONSENT, false));
        buckets.put(
                FRAUD_SUSPECTED,
                new Criterion.All(
                        List.of(is(CustomerFact.MARKETING_CONSENT, true), is(CustomerFact.FRAUD_FLAG, true))));
        List<Criterion> earlier = new ArrayList<>();
        for (SelectionRows.Row row : table.rows()) {
            List<Criterion> parts = new ArrayList<>(List.of(PASSES_POLICIES, row.criterion()));
            if (table.hitPolicy() == SelectionRows.HitPolicy.FIRST && !earlier.isEmpty()) {
                parts.add(new Criterion.Not(Criterion.anyOf(earlier)));
            }
            buckets.put(row(row.row()), new Criterion.All(parts));
            earlier.add(row.criterion());
        }
        buckets.put(
                NO_RULE_MATCHED,
                new Criterion.All(List.of(PASSES_POLICIES, new Criterion.Not(new Criterion.AnyOf(earlier)))));
        if (table.hitPolicy() != SelectionRows.HitPolicy.FIRST) {
            groups.forEach((group, rows) -> buckets.put(
                    union(group),
                    new Criterion.All(List.of(
                            PASSES_POLICIES,
                            Criterion.anyOf(rows.stream()
                                    .map(r -> table.rows().get(r - 1).criterion())
                                    .toList())))));
        }
        return buckets;
    }

    private static Criterion is(CustomerFact fact, boolean value) {
        return new Criterion.Holds(new AudienceFilter.Is(fact, value));
    }
}
