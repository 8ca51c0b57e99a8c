package dev.selektor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionBenchmarkTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFastPassIsRepeatedUntilTheRoundLastsTheMinimum() {
        assertEquals(8, DecisionBenchmark.passesFor(SECOND, 125_000_000L));
        assertEquals(9, DecisionBenchmark.passesFor(SECOND, 120_000_000L), "rounded up, never under the minimum");
    }

    @Test
    void aPassAsLongAsTheMinimumOrLongerIsDoneOnce() {
        assertEquals(1, DecisionBenchmark.passesFor(SECOND, SECOND));
        assertEquals(1, DecisionBenchmark.passesFor(SECOND, 40 * SECOND));
    }

    @Test
    void aPassTooShortToTimeStillGivesAFiniteCount() {
        assertEquals(SECOND, DecisionBenchmark.passesFor(SECOND, 0));
        assertEquals(Integer.MAX_VALUE, DecisionBenchmark.passesFor(10 * SECOND, 1));
    }

    @Test
    void theMinimumRoundIsReadInMillisecondsAndDefaultsToOneSecond() {
        assertEquals(SECOND, DecisionBenchmark.parse(new String[0]).minRoundNanos());
        DecisionBenchmark.Options options =
                DecisionBenchmark.parse(new String[] {"--min-round-ms", "250", "--models", "vip-thank-you"});
        assertEquals(250_000_000L, options.minRoundNanos());
        assertEquals(List.of("vip-thank-you"), options.models());
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class, () -> DecisionBenchmark.parse(new String[] {"--min-round-ms", "0"}));
        assertEquals("--min-round-ms must be at least 1, got 0", zero.getMessage());
    }
}
