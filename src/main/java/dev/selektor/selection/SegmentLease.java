package dev.selektor.selection;

import java.time.Instant;

/**
 * Who works a segment, and until when without news: renewed with every checkpoint, so that a worker that died or
 * gave up leaves a lease that expires and lets another worker take the segment over.
 *
 * @param owner the instance that holds it (one per process: its own threads never work one segment twice)
 */
public record SegmentLease(String owner, Instant until) {

    public boolean expiredAt(Instant now) {
        return until.isBefore(now);
    }
}
