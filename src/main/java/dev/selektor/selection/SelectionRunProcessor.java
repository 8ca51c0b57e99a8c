package dev.selektor.selection;

import dev.selektor.campaign.Campaign;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.Decision;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.Outcome;
import dev.selektor.policy.ContactPressure;
import dev.selektor.policy.HoldoutBucket;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.outbox.PendingEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Works a run through: every unfinished segment page by page (decide, store results, checkpoint), then, for a capped
 * run, the cut. Every step can be repeated after a crash with the same effect: results are keyed by (run, customer),
 * a checkpoint names the last page whose results are stored, and the cut is recomputed from stored ranks.
 */
@ApplicationScoped
public class SelectionRunProcessor {
    private static final Logger LOG = Logger.getLogger(SelectionRunProcessor.class);

    @Inject
    SelektorConfig config;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    SelectionRunRepository runs;

    @Inject
    SelectionResultRepository results;

    @Inject
    ContactHistory contactHistory;

    private ExecutorService workers;
    private final ExecutorService coordinators = Executors.newCachedThreadPool(daemon("selection-run"));
    private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> abandoned = new ConcurrentHashMap<>();

    private synchronized ExecutorService workers() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(config.selection().workers(), daemon("selection-segment"));
        }
        return workers;
    }

    @PreDestroy
    void stop() {
        coordinators.shutdownNow();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Starts (or resumes) working on a run in the background. */
    public void submit(SelectionRun run) {
        cancelled.putIfAbsent(run.runId(), new AtomicBoolean());
        abandoned.put(run.runId(), new AtomicBoolean());
        coordinators.execute(() -> {
            try {
                process(run);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Selection run %s failed", run.runId());
                runs.update(run.finish(SelectionRun.Status.FAILED, Instant.now(), Optional.of(String.valueOf(e.getMessage()))));
            } finally {
                cancelled.remove(run.runId());
                abandoned.remove(run.runId());
            }
        });
    }

    /** Asks a run that this instance works on to stop after its current pages. */
    public boolean cancel(String runId) {
        AtomicBoolean flag = cancelled.get(runId);
        if (flag != null) {
            flag.set(true);
        }
        return flag != null;
    }

    /** Whether this instance is working on the run right now. */
    public boolean isWorkingOn(String runId) {
        return abandoned.containsKey(runId);
    }

    /**
     * Drops this instance's work on a run as a crash would: at the next step, between storing a page's results and
     * writing its checkpoint, and without writing anything more. For crash tests; the run stays RUNNING and is
     * resumed from its checkpoints by {@link #submit}, as a restarted instance does.
     */
    void abandon(String runId) {
        AtomicBoolean flag = abandoned.get(runId);
        if (flag != null) {
            flag.set(true);
        }
    }

    void process(SelectionRun run) {
        // The run keeps the version it started with, even when a newer one went live since.
        Optional<DecisionModel> pinned = registry.find(run.decisionModel(), run.modelVersion());
        if (pinned.isEmpty()) {
            String why = "the run was started with model " + run.decisionModel() + " version " + run.modelVersion()
                    + ", which is neither loaded nor stored";
            runs.update(run.finish(SelectionRun.Status.FAILED, Instant.now(), Optional.of(why)));
            return;
        }
        DecisionModel model = pinned.get();
        Campaign campaign = campaignOf(run);
        CampaignDecider decider = new CampaignDecider(registry.policies());
        Function<String, ContactPressure> pressure = contactHistory.forRun(run.campaignId(), run.runDate());
        AtomicBoolean stop = cancelled.computeIfAbsent(run.runId(), id -> new AtomicBoolean());
        AtomicBoolean crash = abandoned.computeIfAbsent(run.runId(), id -> new AtomicBoolean());
        List<Future<?>> segments = new ArrayList<>();
        for (SegmentProgress progress : runs.segments(run.runId())) {
            if (!progress.done()) {
                segments.add(workers().submit(() -> workSegment(run, progress, campaign, model, decider, pressure, stop, crash, () -> { })));
            }
        }
        for (Future<?> segment : segments) {
            try {
                segment.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                stop.set(true);
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (crash.get()) {
            return;
        }
        if (stop.get()) {
            runs.update(run.finish(SelectionRun.Status.CANCELLED, Instant.now(), Optional.empty()));
            return;
        }
        run.maxCustomers().ifPresent(max -> applyCap(run, max));
        SelectionRun completed = run.finish(SelectionRun.Status.COMPLETED, Instant.now(), Optional.empty());
        runs.update(completed);
        contactHistory.runCompleted(completed);
        LOG.infof("Selection run %s of %s completed", run.runId(), run.campaignId());
    }

    /** What every segment of one run decides with, built once per run and instance. */
    private record RunContext(Campaign campaign, DecisionModel model, CampaignDecider decider,
                              Function<String, ContactPressure> pressure) { }

    private final Map<String, RunContext> queuedRuns = new ConcurrentHashMap<>();

    /**
     * Queue mode: works one segment of a run from its checkpoint, as handed out by the segment queue, then completes
     * the run if that was its last unfinished segment. {@code stillWorking} runs after every page (to keep the
     * segment's message hidden from other workers).
     *
     * @return whether the segment's message is dealt with: the segment is done, or its run no longer runs
     */
    public boolean processSegment(String runId, int segment, Runnable stillWorking) {
        Optional<SelectionRun> found = runs.find(runId);
        if (found.isEmpty() || found.get().status() != SelectionRun.Status.RUNNING) {
            queuedRuns.remove(runId);
            return true;
        }
        SelectionRun run = found.get();
        RunContext context = queuedRuns.get(runId);
        if (context == null) {
            Optional<DecisionModel> pinned = registry.find(run.decisionModel(), run.modelVersion());
            if (pinned.isEmpty()) {
                runs.update(run.finish(SelectionRun.Status.FAILED, Instant.now(), Optional.of("the run was started with model "
                        + run.decisionModel() + " version " + run.modelVersion() + ", which is neither loaded nor stored")));
                return true;
            }
            context = new RunContext(campaignOf(run), pinned.get(), new CampaignDecider(registry.policies()),
                    contactHistory.forRun(run.campaignId(), run.runDate()));
            queuedRuns.put(runId, context);
        }
        Optional<SegmentProgress> progress = runs.segments(runId).stream().filter(p -> p.segment() == segment).findFirst();
        if (progress.isEmpty()) {
            return true;
        }
        AtomicBoolean stop = new AtomicBoolean();
        if (!progress.get().done()) {
            workSegment(run, progress.get(), context.campaign(), context.model(), context.decider(), context.pressure(), stop,
                    new AtomicBoolean(), () -> {
                        stillWorking.run();
                        // Cancelled (or finished) elsewhere: another instance took the DELETE.
                        if (runs.find(runId).map(r -> r.status() != SelectionRun.Status.RUNNING).orElse(true)) {
                            stop.set(true);
                        }
                    });
        }
        if (!stop.get()) {
            completeIfAllSegmentsDone(runId);
        }
        return true;
    }

    /** Any worker that finishes a segment may be the last; completing twice does the same thing twice. */
    private void completeIfAllSegmentsDone(String runId) {
        if (!runs.segments(runId).stream().allMatch(SegmentProgress::done)) {
            return;
        }
        Optional<SelectionRun> current = runs.find(runId);
        if (current.isEmpty() || current.get().status() != SelectionRun.Status.RUNNING) {
            return;
        }
        SelectionRun run = current.get();
        run.maxCustomers().ifPresent(max -> applyCap(run, max));
        SelectionRun completed = run.finish(SelectionRun.Status.COMPLETED, Instant.now(), Optional.empty());
        runs.update(completed);
        contactHistory.runCompleted(completed);
        queuedRuns.remove(runId);
        LOG.infof("Selection run %s of %s completed", run.runId(), run.campaignId());
    }

    private static Campaign campaignOf(SelectionRun run) {
        return new Campaign(run.campaignId(), run.campaignId(), run.decisionModel(), run.runDate(), run.runDate(),
                run.maxCustomers(), run.holdoutPercent());
    }

    private void workSegment(SelectionRun run, SegmentProgress start, Campaign campaign, DecisionModel model,
                             CampaignDecider decider, Function<String, ContactPressure> pressure, AtomicBoolean stop,
                             AtomicBoolean crash, Runnable afterPage) {
        SegmentProgress progress = start;
        boolean eventsNow = run.maxCustomers().isEmpty();
        while (!progress.done() && !stop.get() && !crash.get()) {
            long t0 = System.nanoTime();
            CustomerFactsRepository.Page page = customers.scanSegment(progress.segment(), run.segments(), progress.lastKey(),
                    config.selection().pageSize());
            long t1 = System.nanoTime();
            List<SelectionResult> pageResults = new ArrayList<>(page.customers().size());
            long selected = 0;
            long heldOut = 0;
            Map<String, Long> rejected = new HashMap<>();
            List<String> errors = new ArrayList<>();
            for (CustomerFacts facts : page.customers()) {
                Decision decision = decider.decide(campaign, model, facts, run.runDate(), pressure.apply(facts.customerId()));
                Outcome outcome = decision.outcome();
                switch (outcome.kind()) {
                    case SELECTED -> selected++;
                    case HOLDOUT -> heldOut++;
                    default -> rejected.merge(outcome.reason(), 1L, Long::sum);
                }
                if ("MODEL_ERROR".equals(outcome.reason()) && errors.size() < SegmentProgress.MAX_LISTED_ERRORS) {
                    errors.add(facts.customerId());
                }
                Optional<CapRank> rank = outcome.kind() == Outcome.Kind.SELECTED && run.maxCustomers().isPresent()
                        ? Optional.of(new CapRank(decision.priority().orElse(CapRank.NO_PRIORITY),
                                HoldoutBucket.hash(run.campaignId(), facts.customerId())))
                        : Optional.empty();
                pageResults.add(new SelectionResult(run.runId(), facts.customerId(), run.campaignId(), run.runDate(),
                        outcome.kind(), outcome.discountPercent(), outcome.reason(), outcome.reasonSource(),
                        run.modelVersion(), rank));
            }
            long t2 = System.nanoTime();
            store(pageResults, eventsNow);
            if (crash.get()) {
                return; // the worst moment to die: results stored, checkpoint not
            }
            long t3 = System.nanoTime();
            var timings = new SegmentProgress.Timings((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            var counts = new SegmentProgress.Counts(page.customers().size(), selected, heldOut, Map.copyOf(rejected),
                    List.copyOf(errors), timings);
            progress = new SegmentProgress(run.runId(), progress.segment(), page.lastKey(), page.lastKey().isEmpty(),
                    progress.counts().plus(counts));
            runs.checkpoint(progress);
            afterPage.run();
        }
    }

    /**
     * Stores a page's results; with {@code withEvents}, every selected customer's result goes into the same
     * transaction as its {@code CustomerSelected} event.
     */
    private void store(List<SelectionResult> pageResults, boolean withEvents) {
        List<SelectionResult> plain = new ArrayList<>(pageResults.size());
        List<SelectionResult> selected = new ArrayList<>();
        for (SelectionResult r : pageResults) {
            (withEvents && r.outcome() == Outcome.Kind.SELECTED ? selected : plain).add(r);
        }
        for (int from = 0; from < plain.size(); from += SelectionResultRepository.MAX_BATCH) {
            results.saveAll(plain.subList(from, Math.min(from + SelectionResultRepository.MAX_BATCH, plain.size())));
        }
        saveWithEvents(selected);
    }

    private void saveWithEvents(List<SelectionResult> selected) {
        Instant now = Instant.now();
        for (int from = 0; from < selected.size(); from += SelectionResultRepository.MAX_WITH_EVENTS) {
            List<SelectionResult> chunk = selected.subList(from, Math.min(from + SelectionResultRepository.MAX_WITH_EVENTS, selected.size()));
            results.saveWithEvents(chunk, chunk.stream().map(r -> eventOf(r, now)).toList());
        }
    }

    static PendingEvent eventOf(SelectionResult r, Instant now) {
        return PendingEvent.of(CustomerSelected.of(r.campaignId(), r.runId(), r.runDate(), r.customerId(),
                r.discountPercent(), r.reason(), r.modelVersion(), now));
    }

    /** Keeps the best {@code max} of the selected; the rest become CAPPED. Memory: one heap of {@code max} ranks. */
    private void applyCap(SelectionRun run, int max) {
        // Worst on top, so that a better candidate replaces it in O(log max).
        PriorityQueue<SelectionResult> best = new PriorityQueue<>(Math.min(max, 1 << 16) + 1,
                (a, b) -> CapRank.BEST_FIRST.compare(b.rank().orElseThrow(), a.rank().orElseThrow()));
        results.forEachOfRun(run.runId(), r -> {
            if ((r.outcome() == Outcome.Kind.SELECTED || r.outcome() == Outcome.Kind.CAPPED) && r.rank().isPresent()) {
                best.offer(r);
                if (best.size() > max) {
                    best.poll();
                }
            }
        });
        Set<String> winners = best.stream().map(SelectionResult::customerId).collect(Collectors.toSet());
        // Now that the cut is known, each winner's result is stored again together with its event.
        List<SelectionResult> ranked = new ArrayList<>(best);
        ranked.sort(Comparator.comparing(SelectionResult::customerId));
        saveWithEvents(ranked);
        List<SelectionResult> toCap = new ArrayList<>(SelectionResultRepository.MAX_BATCH);
        results.forEachOfRun(run.runId(), r -> {
            if (r.outcome() == Outcome.Kind.SELECTED && !winners.contains(r.customerId())) {
                toCap.add(r.withOutcome(Outcome.Kind.CAPPED, BigDecimal.ZERO, "CAPPED", Outcome.ReasonSource.POLICY));
                if (toCap.size() == SelectionResultRepository.MAX_BATCH) {
                    results.saveAll(List.copyOf(toCap));
                    toCap.clear();
                }
            }
        });
        if (!toCap.isEmpty()) {
            results.saveAll(toCap);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
