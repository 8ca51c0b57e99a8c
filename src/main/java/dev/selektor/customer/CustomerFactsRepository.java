package dev.selektor.customer;

import java.util.Collection;
import java.util.Optional;

/** Where customer facts live. Writes are upserts keyed by customer id, so repeating one is harmless. */
public interface CustomerFactsRepository {

    void save(CustomerFacts facts);

    /** Stores all or throws; at most {@link #MAX_BATCH} facts with distinct ids. */
    void saveAll(Collection<CustomerFacts> facts);

    Optional<CustomerFacts> find(String customerId);

    /** @return whether there was something to delete */
    boolean delete(String customerId);

    long count();

    /** How many customers there are, cheaply: a count that writes and erasures keep, an estimate all the same. */
    long estimatedCount();

    /** One page of one segment of a parallel scan; {@code after} is the last key of the previous page. */
    Page scanSegment(int segment, int totalSegments, java.util.Optional<String> after, int limit);

    /** @param lastKey empty when the segment is finished */
    record Page(java.util.List<CustomerFacts> customers, java.util.Optional<String> lastKey) {}

    int MAX_BATCH = 25;
}
