package dev.selektor.audience;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The index of customer facts that audience questions are answered from. */
public interface AudienceIndex {

    Answer count(AudienceQuery query);

    /** Fills a new index from the customers table and switches to it when it is complete. */
    Rebuild rebuild();

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

    record Rebuild(String index, long documents, Instant finishedAt, long tookMs) {}

    /** @param lastRebuild the last completed rebuild of this process, if any */
    record Status(String alias, Optional<String> index, long documents, Optional<Rebuild> lastRebuild) {}

    /** The index does not answer: audience questions wait for it, nothing else does. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
