package dev.selektor.selection;

import dev.selektor.decision.Explanation;
import dev.selektor.decision.Outcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The stored outcome of one customer in one run, keyed by (run, customer) so that writing it again changes nothing.
 *
 * @param explanation why, as at the run (matched rows without their annotations, which the model version has); empty
 *     for results stored before explanations were
 * @param rank for capped runs: the order among the eligible (priority, then the holdout hash), see {@link CapRank}
 */
public record SelectionResult(
        String runId,
        String customerId,
        String campaignId,
        LocalDate runDate,
        Outcome.Kind outcome,
        BigDecimal discountPercent,
        String reason,
        Outcome.ReasonSource reasonSource,
        String modelVersion,
        Optional<CapRank> rank,
        Optional<Explanation> explanation) {

    public SelectionResult withOutcome(
            Outcome.Kind kind, BigDecimal discount, String reasonText, Outcome.ReasonSource source) {
        return new SelectionResult(
                runId,
                customerId,
                campaignId,
                runDate,
                kind,
                discount,
                reasonText,
                source,
                modelVersion,
                rank,
                explanation);
    }

    public SelectionResult withExplanation(Explanation why) {
        return new SelectionResult(
                runId,
                customerId,
                campaignId,
                runDate,
                outcome,
                discountPercent,
                reason,
                reasonSource,
                modelVersion,
                rank,
                Optional.of(why));
    }
}
