package dev.selektor.selection;

import java.util.List;
import java.util.Optional;

/** Runs and their segments' checkpoints. */
public interface SelectionRunRepository {

    /** Stores a new run with one fresh checkpoint per segment. */
    void create(SelectionRun run);

    void update(SelectionRun run);

    Optional<SelectionRun> find(String runId);

    List<SelectionRun> findAll();

    List<SegmentProgress> segments(String runId);

    void checkpoint(SegmentProgress progress);
}
