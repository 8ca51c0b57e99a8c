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

    int MAX_BATCH = 25;
}
