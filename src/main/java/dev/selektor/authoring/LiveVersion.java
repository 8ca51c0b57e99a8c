package dev.selektor.authoring;

import java.time.Instant;

/** Which published version of a model is live, since when and by whose act. */
public record LiveVersion(String name, int seq, String version, Instant since, String by) {}
