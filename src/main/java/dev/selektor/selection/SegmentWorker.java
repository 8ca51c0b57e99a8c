package dev.selektor.selection;

import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.Decision;
import dev.selektor.decision.Outcome;
import dev.selektor.policy.HoldoutBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Works one segment of a run from its checkpoint, page by page: scan, decide, store the results, checkpoint. A page
 * repeated after a crash has the same effect, because results are keyed by (run, customer) and the checkpoint names
 * the last page whose results are stored.
 */
@ApplicationScoped
class SegmentWorker {

    /** Asked between steps: whether to stop after this page, and whether to drop the work as a crash would. */
    record Stops(BooleanSupplier cancelled, BooleanSupplier crashed) {
        static final Stops NEVER = new Stops(() -> false, () -> false);
    }

    @Inject
    SelektorConfig config;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    SelectionRunRepository runs;

    @Inject
    ResultStore store;

    /** {@code afterPage} runs after every checkpoint. */
    void work(RunWork work, SegmentProgress start, Stops stops, Runnable afterPage) {
        SelectionRun run = work.run();
        SegmentProgress progress = start;
        boolean eventsNow = run.maxCustomers().isEmpty();
        while (!progress.done()
                && !stops.cancelled().getAsBoolean()
                && !stops.crashed().getAsBoolean()) {
            long t0 = System.nanoTime();
            CustomerFactsRepository.Page page = customers.scanSegment(
                    progress.segment(),
                    run.segments(),
                    progress.lastKey(),
                    config.selection().pageSize());
            long t1 = System.nanoTime();
            PageOutcome decided = decide(work, page.customers());
            long t2 = System.nanoTime();
            store.store(decided.results(), eventsNow);
            if (stops.crashed().getAsBoolean()) {
                return; // the worst moment to die: results stored, checkpoint not
            }
            long t3 = System.nanoTime();
            var timings =
                    new SegmentProgress.Timings((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            progress = new SegmentProgress(
                    run.runId(),
                    progress.segment(),
                    page.lastKey(),
                    page.lastKey().isEmpty(),
                    progress.counts().plus(decided.counts(timings)));
            runs.checkpoint(progress);
            afterPage.run();
        }
    }

    private record PageOutcome(
            List<SelectionResult> results,
            long selected,
            long heldOut,
            Map<String, Long> rejected,
            List<String> errors) {
        SegmentProgress.Counts counts(SegmentProgress.Timings timings) {
            return new SegmentProgress.Counts(
                    results.size(), selected, heldOut, Map.copyOf(rejected), List.copyOf(errors), timings);
        }
    }

    private static PageOutcome decide(RunWork work, List<CustomerFacts> page) {
        SelectionRun run = work.run();
        List<SelectionResult> results = new ArrayList<>(page.size());
        long selected = 0;
        long heldOut = 0;
        Map<String, Long> rejected = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (CustomerFacts facts : page) {
            Decision decision = work.decider()
                    .decide(
                            work.campaign(),
                            work.model(),
                            facts,
                            run.runDate(),
                            work.pressure().apply(facts.customerId()));
            Outcome outcome = decision.outcome();
            switch (outcome.kind()) {
                case SELECTED -> selected++;
                case HOLDOUT -> heldOut++;
                default -> rejected.merge(outcome.reason(), 1L, Long::sum);
            }
            if ("MODEL_ERROR".equals(outcome.reason()) && errors.size() < SegmentProgress.MAX_LISTED_ERRORS) {
                errors.add(facts.customerId());
            }
            Optional<CapRank> rank = outcome.kind() == Outcome.Kind.SELECTED
                            && run.maxCustomers().isPresent()
                    ? Optional.of(new CapRank(
                            decision.priority().orElse(CapRank.NO_PRIORITY),
                            HoldoutBucket.hash(run.campaignId(), facts.customerId())))
                    : Optional.empty();
            results.add(new SelectionResult(
                    run.runId(),
                    facts.customerId(),
                    run.campaignId(),
                    run.runDate(),
                    outcome.kind(),
                    outcome.discountPercent(),
                    outcome.reason(),
                    outcome.reasonSource(),
                    run.modelVersion(),
                    rank,
                    Optional.of(decision.explanation())));
        }
        return new PageOutcome(results, selected, heldOut, rejected, errors);
    }
}
