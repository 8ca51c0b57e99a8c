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
        boolean any() {
            return cancelled.getAsBoolean() || crashed.getAsBoolean();
        }
    }

    /** How a segment's work ended. */
    enum End {
        /** Every page is stored and checkpointed. */
        FINISHED,
        /** Cancelled, dropped as a crash would, or stopped while it waited for the store. */
        STOPPED,
        /** Another worker took the segment over (this one's lease had expired): its work goes on there. */
        TAKEN_OVER
    }

    @Inject
    SelektorConfig config;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    SelectionRunRepository runs;

    @Inject
    ResultStore store;

    @Inject
    StoreRetry retry;

    @Inject
    SegmentLeases leases;

    @Inject
    RunActivity activity;

    /**
     * Works a segment this instance holds ({@link RunActivity#hold}) under a lease of its own, unless another
     * worker's lease on it runs, and lets go of it at the end.
     */
    End workHeld(RunWork work, int segment, Stops stops, Runnable afterPage) {
        try {
            if (stops.any()) {
                return End.STOPPED;
            }
            return leases.claim(work.run(), segment, stops::any)
                    .map(taken -> work(work, taken, stops, afterPage))
                    .orElse(End.TAKEN_OVER);
        } catch (StoreRetry.Stopped e) {
            return End.STOPPED;
        } finally {
            activity.release(work.run().runId(), segment);
        }
    }

    /**
     * {@code start} is the checkpoint under this worker's lease; {@code afterPage} runs after every checkpoint.
     * Store calls that fail for a passing reason are tried again until they work or the run stops.
     */
    private End work(RunWork work, SegmentProgress start, Stops stops, Runnable afterPage) {
        SelectionRun run = work.run();
        String runId = run.runId();
        SegmentProgress progress = start;
        boolean eventsNow = run.maxCustomers().isEmpty();
        try {
            while (!progress.done()) {
                if (stops.any()) {
                    return End.STOPPED;
                }
                long t0 = System.nanoTime();
                SegmentProgress from = progress;
                CustomerFactsRepository.Page page = retry.call(
                        runId,
                        stops::any,
                        () -> customers.scanSegment(
                                from.segment(),
                                run.segments(),
                                from.lastKey(),
                                config.selection().pageSize()));
                long t1 = System.nanoTime();
                PageOutcome decided = decide(work, page.customers());
                long t2 = System.nanoTime();
                store.store(decided.results(), eventsNow, batch -> retry.run(runId, stops::any, batch));
                if (stops.crashed().getAsBoolean()) {
                    return End.STOPPED; // the worst moment to die: results stored, checkpoint not
                }
                long t3 = System.nanoTime();
                var timings = new SegmentProgress.Timings(
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
                SegmentProgress next = progress.next(page.lastKey(), decided.counts(timings), leases.fresh());
                if (!retry.call(runId, stops::any, () -> runs.checkpoint(next))) {
                    return End.TAKEN_OVER;
                }
                activity.seen(next);
                progress = next;
                afterPage.run();
            }
            return End.FINISHED;
        } catch (StoreRetry.Stopped e) {
            return End.STOPPED;
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
