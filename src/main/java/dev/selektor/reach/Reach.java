package dev.selektor.reach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How many customers a campaign table decides, per rule row, on a run date (contract section 9): counted in the
 * customer index, policies applied first, holdout as an expectation, contact pressure not estimated.
 */
public record Reach(
        String model,
        String modelVersion,
        LocalDate runDate,
        long customers,
        Map<String, Long> policies,
        List<RowReach> rows,
        long noRuleMatched,
        long selected,
        Map<String, Long> byDiscount,
        Map<String, Long> byReason,
        long holdoutExpected,
        List<String> notEstimated,
        boolean exact,
        Instant asOf,
        double indexLagSeconds,
        long tookMs) {

    /**
     * @param outcome SELECTED or REJECTED, as a decision through this row would be (before holdout)
     * @param customers the customers this row decides under the table's hit policy
     * @param note why the count is an upper bound rather than exact; null when it is exact
     */
    public record RowReach(
            int row,
            String outcome,
            String reason,
            Number discountPercent,
            String annotation,
            long customers,
            boolean exact,
            String note) {}
}
