package dev.selektor.authoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An edited model that passed validation and waits for tests, preview and publishing. Several drafts of one model
 * can exist at once; each remembers the live version it was based on.
 */
public record Draft(
        String name,
        String draftId,
        String author,
        Instant createdAt,
        Optional<String> baseVersion,
        String version,
        byte[] content,
        List<String> warnings,
        Optional<TestReport> lastTests,
        Optional<Integer> publishedAs) {

    /** A draft as it is saved: created now, its tests not run yet, not published. */
    public static Draft saved(
            String name,
            String draftId,
            String author,
            Optional<String> baseVersion,
            String version,
            byte[] content,
            List<String> warnings) {
        return new Draft(
                name,
                draftId,
                author,
                Instant.now(),
                baseVersion,
                version,
                content,
                warnings,
                Optional.empty(),
                Optional.empty());
    }

    public String xml() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public Draft withTests(TestReport report) {
        return new Draft(
                name,
                draftId,
                author,
                createdAt,
                baseVersion,
                version,
                content,
                warnings,
                Optional.of(report),
                publishedAs);
    }
}
