package dev.selektor.authoring;

import java.util.List;
import java.util.Optional;

/** Published versions, the live pointer, drafts and the audit trail of decision models. */
public interface ModelStore {

    Optional<LiveVersion> live(String name);

    List<LiveVersion> allLive();

    List<PublishedVersion> versions(String name);

    Optional<PublishedVersion> version(String name, int seq);

    /**
     * Stores a new version, points the model at it and records the act, all or nothing.
     *
     * @param expectedLive the live sequence number the caller saw (empty: the model has none yet)
     * @return false when someone else published or switched in between: nothing was written
     */
    boolean publish(PublishedVersion version, Optional<Integer> expectedLive, AuditEntry entry);

    /** Points the model at an existing version and records the act; false when the live version moved meanwhile. */
    boolean activate(LiveVersion next, int expectedLive, AuditEntry entry);

    /**
     * Refuses a draft the store could not hold, before the work of validating it; {@link #saveDraft} checks again
     * with everything the draft then holds.
     *
     * @throws DraftTooLargeException when the store cannot hold the draft
     */
    void checkDraftFits(Draft draft);

    /**
     * Stores a new draft and records the act, both or neither.
     *
     * @throws DraftTooLargeException when the store cannot hold the draft (nothing is written)
     */
    void saveDraft(Draft draft, AuditEntry entry);

    /** @throws DraftTooLargeException when the store cannot hold the draft as changed (nothing is written) */
    void updateDraft(Draft draft);

    Optional<Draft> draft(String name, String draftId);

    List<Draft> drafts(String name);

    List<AuditEntry> audit(String name);
}
