package dev.selektor.selection;

import dev.selektor.campaign.Campaign;
import dev.selektor.common.StoreUnavailableException;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * How a run begins and ends, the same whether this instance works all its segments or takes them from the queue:
 * the work it needs, the cut and completion once every segment is done, the failure otherwise.
 */
@ApplicationScoped
class RunLifecycle {
    private static final Logger LOG = Logger.getLogger(RunLifecycle.class);

    @Inject
    DecisionModelRegistry registry;

    @Inject
    SelectionRunRepository runs;

    @Inject
    ContactHistory contactHistory;

    @Inject
    RunCap cap;

    /** The run's work, or empty after failing the run when the model version it started with is gone. */
    Optional<RunWork> prepare(SelectionRun run) {
        // The run keeps the version it started with, even when a newer one went live since.
        Optional<DecisionModel> pinned = registry.find(run.decisionModel(), run.modelVersion());
        if (pinned.isEmpty()) {
            fail(
                    run,
                    "the run was started with model " + run.decisionModel() + " version " + run.modelVersion()
                            + ", which is neither loaded nor stored");
            return Optional.empty();
        }
        Campaign campaign = new Campaign(
                run.campaignId(),
                run.campaignId(),
                run.decisionModel(),
                run.runDate(),
                run.runDate(),
                run.maxCustomers(),
                run.holdoutPercent());
        return Optional.of(new RunWork(
                run,
                campaign,
                pinned.get(),
                new CampaignDecider(registry.policies()),
                contactHistory.forRun(run.campaignId(), run.runDate())));
    }

    /** Applies the cap, if any, and marks the run completed; doing it twice does the same thing twice. */
    void complete(SelectionRun run) {
        run.maxCustomers().ifPresent(max -> cap.apply(run, max));
        SelectionRun completed = run.finish(SelectionRun.Status.COMPLETED, Instant.now(), Optional.empty());
        runs.update(completed);
        contactHistory.runCompleted(completed);
        LOG.infof("Selection run %s of %s completed", run.runId(), run.campaignId());
    }

    /** Completes the run when every segment is done and it still runs: any worker that finishes one may be last. */
    void completeIfAllSegmentsDone(String runId) {
        if (runs.segments(runId).stream().allMatch(SegmentProgress::done)) {
            runs.find(runId)
                    .filter(r -> r.status() == SelectionRun.Status.RUNNING)
                    .ifPresent(this::complete);
        }
    }

    /**
     * Whether the run still runs as far as the store says; true while the store does not answer, since the next
     * page's store calls wait for it anyway. Workers ask, so that a DELETE on another instance stops them.
     */
    boolean stillRunning(String runId) {
        try {
            return runs.find(runId)
                    .map(r -> r.status() == SelectionRun.Status.RUNNING)
                    .orElse(false);
        } catch (StoreUnavailableException e) {
            return true;
        }
    }

    void cancelled(SelectionRun run) {
        runs.update(run.finish(SelectionRun.Status.CANCELLED, Instant.now(), Optional.empty()));
    }

    void fail(SelectionRun run, String why) {
        runs.update(run.finish(SelectionRun.Status.FAILED, Instant.now(), Optional.of(why)));
    }
}
