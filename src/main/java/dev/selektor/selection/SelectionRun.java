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

    /** The run going on again from its checkpoints after it failed. */
    public SelectionRun resumed() {
        return with(Status.RUNNING, Optional.empty(), Optional.empty());
    }

    public SelectionRun finish(Status status, Instant at, Optional<String> failure) {
        return with(status, Optional.of(at), failure);
    }

    private SelectionRun with(Status status, Optional<Instant> finishedAt, Optional<String> failure) {
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
                finishedAt,
                failure,
                estimatedCustomers);
    }
}
