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

    void saveDraft(Draft draft, AuditEntry entry);

    void updateDraft(Draft draft);

    Optional<Draft> draft(String name, String draftId);

    List<Draft> drafts(String name);

    List<AuditEntry> audit(String name);
}
