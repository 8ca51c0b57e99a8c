package dev.selektor.common;

/** The roles of contract section 8; every endpoint names the ones it admits. */
public final class Roles {
    /** Reads everything. */
    public static final String VIEWER = "viewer";
    /** Saves drafts, runs previews and tests, defines campaigns, starts and cancels runs, imports and deletes customers. */
    public static final String EDITOR = "editor";
    /** Publishes and rolls back decision models. */
    public static final String APPROVER = "approver";
    /** A calling system: asks for decisions and writes fact updates. */
    public static final String SERVICE = "service";

    private Roles() {}
}
