package dev.selektor.authoring;

import dev.selektor.common.SelektorConfig;
import dev.selektor.regression.DecisionTestFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A model's regression cases, {@code decision-tests/<name>.csv}, as the draft's test run and its probe read them. */
@ApplicationScoped
class RegressionCases {

    @Inject
    SelektorConfig config;

    Path file(String model) {
        return Path.of(config.authoring().testsDir(), model + ".csv");
    }

    /** The parsed file, with its errors; empty when the model has none. */
    Optional<DecisionTestFile.Parsed> of(String model) {
        Path file = file(model);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DecisionTestFile.parse(
                    file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
