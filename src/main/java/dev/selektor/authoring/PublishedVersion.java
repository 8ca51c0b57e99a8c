package dev.selektor.authoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * One published version of a decision model; versions are numbered per model from 1 and never change.
 *
 * @param origin where it came from: {@code dmn/<name>.dmn} for a seeded file, or {@code draft <id>}
 * @param reason the approver's reason for publishing despite failing regression cases, when there was one
 */
public record PublishedVersion(
        String name,
        int seq,
        String version,
        String author,
        Instant publishedAt,
        String origin,
        Optional<String> reason,
        byte[] content) {

    public String xml() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
