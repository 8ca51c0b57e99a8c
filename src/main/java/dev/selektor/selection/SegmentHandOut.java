package dev.selektor.selection;

/** Hands a new run's segments to whichever instances work on segments (queue mode). */
public interface SegmentHandOut {

    /** Makes every unfinished segment of the run available to the segment workers. */
    void handOut(SelectionRun run);
}
