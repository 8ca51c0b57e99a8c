package dev.selektor.authoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a draft would change over all stored customers on a run date, compared with the live version: who enters
 * the selection, who leaves it, whose discount changes; each broken down by the draft's reason and rule row, with
 * sample customer ids. Policies apply as in a run; there is no holdout and no contact history, so that the
 * numbers show the table's change alone.
 *
 * @param status RUNNING, COMPLETED or FAILED
 */
public record ImpactReport(
        String impactId,
        String name,
        String draftId,
        LocalDate runDate,
        String liveVersion,
        String draftVersion,
        String status,
        long processed,
        long selectedLive,
        long selectedDraft,
        long entering,
        long leaving,
        long discountChanged,
        List<Group> groups,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<String> failure) {

    /** Customers that change the same way for the same reason and row. */
    public record Group(String change, String reason, Integer row, long customers, List<String> sampleCustomerIds) {}
}
