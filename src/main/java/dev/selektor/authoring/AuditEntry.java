package dev.selektor.authoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One recorded act on a model: who, when, from which version to which, and which rule rows changed.
 *
 * @param action SEEDED, DRAFT_SAVED, PUBLISHED or ACTIVATED
 */
public record AuditEntry(
        String name,
        Instant at,
        String action,
        String user,
        Optional<String> fromVersion,
        Optional<String> toVersion,
        Optional<String> draftId,
        List<String> changedRows,
        Optional<String> reason) {}
