package dev.selektor.selection;

import dev.selektor.outbox.PendingEvent;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Stored outcomes, keyed by (run, customer), and readable by customer through an index. */
public interface SelectionResultRepository {
    int MAX_BATCH = 25;

    /** Pairs of a selected result and its event per {@link #saveWithEvents} call. */
    int MAX_WITH_EVENTS = 50;

    /** Writes up to {@link #MAX_BATCH} results; writing the same result again changes nothing. */
    void saveAll(Collection<SelectionResult> results);

    /**
     * Writes up to {@link #MAX_WITH_EVENTS} selected results together with their outbox events in one atomic write:
     * either a result and its event are both stored, or neither is. Writing them again stores them again under the
     * same keys (the event is then pending once more and may be published twice, with the same event id).
     */
    void saveWithEvents(List<SelectionResult> results, List<PendingEvent> events);

    /** Every result of a run, in customer id order, page by page. */
    void forEachOfRun(String runId, Consumer<SelectionResult> action);

    /** Results of a run in customer id order after {@code after}, with one of the outcomes, at most {@code limit}. */
    Page pageOfRun(String runId, Optional<String> after, int limit, boolean selectedOnly);

    /** Every result of one customer, newest run date first. */
    List<SelectionResult> ofCustomer(String customerId);

    /** Results of one customer whose run date lies in [from, toExclusive). */
    List<SelectionResult> ofCustomerBetween(String customerId, LocalDate from, LocalDate toExclusive);

    void deleteAllOfCustomer(String customerId);

    record Page(List<SelectionResult> results, Optional<String> lastKey) {}
}
