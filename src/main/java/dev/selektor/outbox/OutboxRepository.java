package dev.selektor.outbox;

import java.util.Collection;
import java.util.List;

/**
 * The events not yet published. Events enter together with their selection results (see the selection feature's
 * repository, which writes both in one transaction) and leave once the broker has acknowledged them: an event that
 * is no longer here has been sent.
 */
public interface OutboxRepository {

    /** Up to {@code limit} pending events, in no particular order. */
    List<PendingEvent> pending(int limit);

    /** Marks events as sent by taking them out of the outbox; ids that are not there are ignored. */
    void markSent(Collection<String> eventIds);

    /** Drops unsent events without publishing them (erasure of a customer). */
    void discard(Collection<String> eventIds);

    /** How many events wait, counted by a full read of the outbox. */
    long countPending();

    /** How many events of one selection run wait, counted by a full read of the outbox. */
    long countPending(String runId);
}
