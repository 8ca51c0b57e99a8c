package dev.selektor.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The customers table's changes in the order they happened, for one consumer that keeps a checkpoint: what
 * {@link #next} hands out is handed out again until it is {@link #commit committed}, so a consumer that fails or
 * dies between the two loses nothing; it may see a change twice, so applying one must be idempotent.
 */
public interface CustomerChanges {

    /**
     * Claims or renews the right to be the one consumer for a while (several instances would apply changes out of
     * order), and records how fresh the consumer's work is for the other instances to tell.
     *
     * @param asOf the time up to which every change is applied
     * @return whether this instance is the consumer now
     */
    boolean claim(Instant asOf);

    /** Gives up the claim, so that another instance takes over at once rather than when it expires. */
    void release();

    /** How fresh the consumer's work is, whichever instance it runs on: empty before any has claimed. */
    Optional<Instant> asOf();

    /** Up to {@code max} changes after the last commit; an empty batch that is caught up when none are waiting. */
    Batch next(int max);

    /** The batch is applied: later batches, and a restarted consumer, go on after it. */
    void commit(Batch batch);

    /** @param facts the customer's facts after the change; empty when the customer was removed */
    record Change(String customerId, Optional<CustomerFacts> facts, Instant at) {}

    /**
     * @param caughtUp whether no further change was waiting when the batch was read
     * @param position where the feed stands after this batch, opaque to the consumer
     */
    record Batch(List<Change> changes, boolean caughtUp, Object position) {}
}
