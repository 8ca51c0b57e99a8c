package dev.selektor.decision.model;

import java.util.Optional;

/**
 * Where earlier versions of a model can be fetched from (the store of published versions), so that a selection
 * run keeps the version it started with after a newer one went live.
 */
public interface ModelArchive {

    /** The DMN bytes of one published version of a model. */
    Optional<byte[]> content(String name, String version);
}
