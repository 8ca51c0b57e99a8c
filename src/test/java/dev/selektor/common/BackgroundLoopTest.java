package dev.selektor.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {
    private static final Logger LOG = Logger.getLogger(BackgroundLoopTest.class);

    private final BackgroundLoop loop =
            new BackgroundLoop("The test's work", LOG, Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void failingRoundsAreRetriedAndTheFailureIsToldUntilARoundWorks() {
        AtomicInteger rounds = new AtomicInteger();
        List<Optional<BackgroundLoop.Failure>> seen = new ArrayList<>();
        loop.run(() -> false, () -> {
            seen.add(loop.failing());
            return switch (rounds.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("store away");
                case 2 -> throw new IllegalStateException("store still away");
                case 3 -> BackgroundLoop.AT_ONCE;
                default -> BackgroundLoop.END;
            };
        });
        assertEquals(4, rounds.get());
        assertTrue(seen.get(0).isEmpty());
        assertEquals("store away", seen.get(1).orElseThrow().error());
        assertEquals("store still away", seen.get(2).orElseThrow().error());
        assertEquals(
                seen.get(1).orElseThrow().since(),
                seen.get(2).orElseThrow().since(),
                "failing since the first failure");
        assertTrue(seen.get(3).isEmpty(), "a round that works clears the failure");
        assertTrue(loop.failing().isEmpty());
    }

    @Test
    void theLoopEndsWhenStoppingSaysSo() {
        AtomicInteger rounds = new AtomicInteger();
        loop.run(() -> rounds.get() == 3, () -> {
            rounds.incrementAndGet();
            return BackgroundLoop.AT_ONCE;
        });
        assertEquals(3, rounds.get());
    }

    @Test
    void anInterruptDuringThePauseEndsTheLoop() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        Thread worker = new Thread(() -> loop.run(() -> false, () -> {
            rounds.incrementAndGet();
            return Optional.of(Duration.ofMinutes(10));
        }));
        worker.start();
        while (rounds.get() == 0) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        worker.interrupt();
        worker.join(5_000);
        assertFalse(worker.isAlive(), "the loop ended");
        assertEquals(1, rounds.get());
    }
}
