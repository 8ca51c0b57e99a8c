package dev.selektor.audience;

import dev.selektor.customer.CustomerChanges;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The index of customer facts that audience questions are answered from. */
public interface AudienceIndex {

    Answer count(AudienceQuery query);

    /** Among the customers meeting {@code scope} on the run date, how many meet each named criterion. */
    Counts countEach(LocalDate runDate, Criterion scope, Map<String, Criterion> criteria);

    /** Fills a new index from the customers table and switches to it when it is complete. */
    Rebuild rebuild();

    /** Builds the index from the customers table when there is none yet. */
    void ensureBuilt();

    /** Writes the customers table's changes into the index (and into one being rebuilt): idempotent. */
    void apply(List<CustomerChanges.Change> changes);

    Status status();

    /**
     * @param breakdowns per breakdown, count per value (or band), in the index's order
     * @param samples a few customer ids that meet the filters, in id order
     */
    record Answer(
            long count,
            Map<String, Map<String, Long>> breakdowns,
            List<String> samples,
            Instant asOf,
            double indexLagSeconds,
            long tookMs) {}

    /** @param inScope the customers meeting the scope; @param counts per name, in the order asked */
    record Counts(long inScope, Map<String, Long> counts, Instant asOf, double indexLagSeconds, long tookMs) {}

    record Rebuild(String index, long documents, Instant finishedAt, long tookMs) {}

    /**
     * @param rebuilding the index a rebuild is filling now, if one is
     * @param lastChangeApplied the time of the last change of the customers table this instance applied
     * @param indexLagSeconds how far the index trails the table; -1 when nothing is known yet
     * @param follower what this instance's stream follower is doing
     * @param lastRebuild the last completed rebuild of this process, if any
     */
    record Status(
            String alias,
            Optional<String> index,
            long documents,
            Optional<String> rebuilding,
            Optional<Instant> asOf,
            Optional<Instant> lastChangeApplied,
            double indexLagSeconds,
            String follower,
            Optional<Rebuild> lastRebuild) {}

    /** The index does not answer: audience questions wait for it, nothing else does. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
