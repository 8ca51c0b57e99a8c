package dev.selektor.selection;

import dev.selektor.campaign.Campaign;
import dev.selektor.campaign.CampaignService;
import dev.selektor.common.ConflictException;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.SelektorConfig;
import dev.selektor.common.StoreUnavailableException;
import dev.selektor.customer.CustomerErased;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.outbox.OutboxRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Starts, resumes, cancels and reports selection runs. */
@ApplicationScoped
public class SelectionService {
    private static final Logger LOG = Logger.getLogger(SelectionService.class);

    @Inject
    SelektorConfig config;

    @Inject
    CampaignService campaigns;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    SelectionRunRepository runs;

    @Inject
    SelectionResultRepository results;

    @Inject
    LocalRunCoordinator processor;

    @Inject
    SegmentHandOut segmentHandOut;

    @Inject
    OutboxRepository outbox;

    @Inject
    SegmentLeases leases;

    @Inject
    RunActivity activity;

    /** A run with its checkpoints, and whether this instance's workers on it wait for the store. */
    public record RunStatus(
            SelectionRun run, List<SegmentProgress> segments, Optional<RunActivity.StoreWait> waitingForStore) {}

    public SelectionRun start(String campaignId, LocalDate runDate) {
        Campaign campaign = campaigns
                .find(campaignId)
                .orElseThrow(() -> new NotFoundException("There is no campaign \"" + campaignId + "\""));
        if (runDate.isAfter(campaign.endDate())) {
            throw new ConflictException(
                    "The run date " + runDate + " lies after the campaign's end date " + campaign.endDate());
        }
        DecisionModel model = registry.find(campaign.decisionModel())
                .orElseThrow(() -> new ConflictException(
                        "The campaign's model \"" + campaign.decisionModel() + "\" is not loaded"));
        SelectionRun run = new SelectionRun(
                UUID.randomUUID().toString(),
                campaignId,
                model.name(),
                model.version(),
                runDate,
                config.selection().segments(),
                campaign.maxCustomers(),
                campaign.holdoutPercent(),
                SelectionRun.Status.RUNNING,
                Instant.now(),
                Optional.empty(),
                Optional.empty(),
                customers.estimatedCount());
        // In local mode this instance holds every segment from the start, so that another instance takes them
        // over should it die before its workers do; in queue mode a segment is held from its first worker on.
        runs.create(run, queueMode() ? Optional.empty() : Optional.of(leases.fresh()));
        go(run);
        return run;
    }

    private void go(SelectionRun run) {
        if (queueMode()) {
            segmentHandOut.handOut(run);
        } else {
            processor.submit(run);
        }
    }

    /** A failed run goes on from its checkpoints, with the model version it started with. */
    public SelectionRun resume(String runId) {
        SelectionRun run = find(runId);
        if (run.status() != SelectionRun.Status.FAILED) {
            throw new ConflictException("Only a FAILED run can be resumed; this one is " + run.status());
        }
        SelectionRun resumed = run.resumed();
        runs.update(resumed);
        LOG.infof("Resuming failed selection run %s of %s from its checkpoints", runId, run.campaignId());
        go(resumed);
        return resumed;
    }

    /**
     * The run's status. While the store is away, a run this instance works on is told from what this instance
     * last saw of it, so that its waiting shows.
     */
    public RunStatus status(String runId) {
        try {
            SelectionRun run = find(runId);
            return new RunStatus(run, runs.segments(runId), activity.waiting(runId));
        } catch (StoreUnavailableException e) {
            return activity.known(runId)
                    .map(k -> new RunStatus(k.run(), k.segments(), activity.waiting(runId)))
                    .orElseThrow(() -> e);
        }
    }

    private boolean queueMode() {
        return config.selection().mode() == SelektorConfig.Selection.Mode.QUEUE;
    }

    /**
     * A run that was RUNNING when the process died goes on from its checkpoints. In queue mode the queue hands its
     * segments out again by itself, to whichever instance is there, so nothing is resumed here.
     */
    void resumeUnfinished(@Observes StartupEvent started) {
        if (queueMode()) {
            return;
        }
        try {
            for (SelectionRun run : runs.findAll()) {
                if (run.status() == SelectionRun.Status.RUNNING) {
                    LOG.infof("Resuming selection run %s of %s from its checkpoints", run.runId(), run.campaignId());
                    processor.submit(run);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not look for unfinished selection runs: " + e.getMessage());
        }
    }

    public SelectionRun find(String runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("There is no selection run \"" + runId + "\""));
    }

    /** The newest runs first (by start), of one campaign or of all. */
    public List<SelectionRun> recent(Optional<String> campaignId, int limit) {
        return runs.findAll().stream()
                .filter(run -> campaignId.map(run.campaignId()::equals).orElse(true))
                .sorted(Comparator.comparing(SelectionRun::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** How many of the run's events still wait in the outbox for the relay. */
    public long pendingEvents(String runId) {
        find(runId);
        return outbox.countPending(runId);
    }

    public List<SegmentProgress> segments(String runId) {
        return runs.segments(runId);
    }

    public SelectionRun cancel(String runId) {
        SelectionRun run = find(runId);
        if (run.status() != SelectionRun.Status.RUNNING) {
            throw new ConflictException("The run is " + run.status() + ", not RUNNING");
        }
        SelectionRun cancelled = run.finish(SelectionRun.Status.CANCELLED, Instant.now(), Optional.empty());
        runs.update(cancelled);
        processor.cancel(runId);
        return cancelled;
    }

    public SelectionResultRepository.Page selected(String runId, Optional<String> cursor, int limit) {
        find(runId);
        return results.pageOfRun(runId, cursor, limit, true);
    }

    public List<SelectionResult> ofCustomer(String customerId) {
        return results.ofCustomer(customerId);
    }

    /** What checkout should honour: the customer's outcome in the campaign's latest completed run. */
    public Optional<SelectionResult> latestCompleted(String campaignId, String customerId) {
        return results.ofCustomer(customerId).stream()
                .filter(r -> r.campaignId().equals(campaignId))
                .filter(r -> runs.find(r.runId())
                        .map(run -> run.status() == SelectionRun.Status.COMPLETED)
                        .orElse(false))
                .findFirst();
    }

    void erase(@Observes CustomerErased erased) {
        // Events first: they are found through the results, which are gone afterwards.
        List<String> events = results.ofCustomer(erased.customerId()).stream()
                .map(r -> CustomerSelected.eventIdOf(r.runId(), r.customerId()))
                .toList();
        outbox.discard(events);
        results.deleteAllOfCustomer(erased.customerId());
    }
}
