package dev.selektor.selection.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.decision.web.DecisionView;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.selection.SelectionResult;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A stored outcome as JSON.
 *
 * @param eventId for a selected customer: the id of the {@code CustomerSelected} event, to match it with the topic
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelectionResultView(
        String runId,
        String campaignId,
        String customerId,
        LocalDate runDate,
        String outcome,
        boolean eligible,
        BigDecimal discountPercent,
        String reason,
        String reasonSource,
        String modelVersion,
        String eventId,
        @JsonInclude(JsonInclude.Include.NON_NULL) DecisionView.ExplanationView explanation) {

    static SelectionResultView of(SelectionResult r) {
        BigDecimal discount = r.discountPercent().stripTrailingZeros();
        return new SelectionResultView(
                r.runId(),
                r.campaignId(),
                r.customerId(),
                r.runDate(),
                r.outcome().name(),
                r.outcome() == dev.selektor.decision.Outcome.Kind.SELECTED,
                discount.scale() < 0 ? discount.setScale(0) : discount,
                r.reason(),
                r.reasonSource().name(),
                r.modelVersion(),
                r.outcome() == dev.selektor.decision.Outcome.Kind.SELECTED
                        ? CustomerSelected.eventIdOf(r.runId(), r.customerId())
                        : null,
                r.explanation().map(DecisionView.ExplanationView::of).orElse(null));
    }
}
