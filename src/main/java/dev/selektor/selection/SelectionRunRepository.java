package dev.selektor.selection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs and their segments' checkpoints. */
public interface SelectionRunRepository {

    /** Stores a new run with one fresh checkpoint per segment, each held under {@code lease} when given. */
    void create(SelectionRun run, Optional<SegmentLease> lease);

    void update(SelectionRun run);

    Optional<SelectionRun> find(String runId);

    List<SelectionRun> findAll();

    List<SegmentProgress> segments(String runId);

    /**
     * Writes the checkpoint with its lease, provided the lease's owner still holds the segment.
     *
     * @return false when another worker has taken the segment over (nothing is written then)
     */
    boolean checkpoint(SegmentProgress progress);

    /**
     * Takes an unfinished segment under {@code lease} if nobody holds it, its lease expired before {@code now}, or
     * its holder is the lease's owner already.
     *
     * @return the segment's checkpoint under the new lease, or empty when it is done or held by another
     */
    Optional<SegmentProgress> claim(String runId, int segment, SegmentLease lease, Instant now);
}
