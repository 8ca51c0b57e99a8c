package dev.selektor.selection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One selection run of a campaign over all customers. The campaign's settings and the model version are copied in
 * at the start, so that a resumed run decides exactly as the interrupted one did.
 */
public record SelectionRun(
        String runId,
        String campaignId,
        String decisionModel,
        String modelVersion,
        LocalDate runDate,
        int segments,
        Optional<Integer> maxCustomers,
        double holdoutPercent,
        Status status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<String> failure,
        long estimatedCustomers) {

    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED,
        CANCELLED
    }

    public SelectionRun finish(Status status, Instant at, Optional<String> failure) {
        return new SelectionRun(
                runId,
                campaignId,
                decisionModel,
                modelVersion,
                runDate,
                segments,
                maxCustomers,
                holdoutPercent,
                status,
                startedAt,
                Optional.of(at),
                failure,
                estimatedCustomers);
    }
}
