package dev.selektor.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The campaign cache of single decisions, on a clock the test moves and with background reads the test runs when
 * it chooses, so that the order of events is exact.
 */
class RecentCampaignsTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    private long now = 1_000_000_000L;
    /** What "the store" holds; every read of it is counted. */
    private final Map<String, Campaign> stored = new HashMap<>();

    private int reads;
    private boolean storeDown;
    /** How long a read of the store takes on the test's clock. */
    private Duration readTakes = Duration.ZERO;
    /** Happens after the store answered and before the answer is taken in. */
    private Runnable whileReading = () -> {};

    private final Queue<Runnable> backgroundTasks = new ArrayDeque<>();
    private boolean executorRejects;

    private final RecentCampaigns recent = new RecentCampaigns(
            TTL,
            id -> {
                reads++;
                advance(readTakes);
                if (storeDown) {
                    throw new IllegalStateException("the store is unreachable");
                }
                Optional<Campaign> answer = Optional.ofNullable(stored.get(id));
                whileReading.run();
                return answer;
            },
            task -> {
                if (executorRejects) {
                    throw new RejectedExecutionException("shut down");
                }
                backgroundTasks.add(task);
            },
            () -> now);

    private static Campaign campaign(String name) {
        return new Campaign(
                "black-week",
                name,
                "black-week",
                LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-30"),
                Optional.empty(),
                0);
    }

    private void advance(Duration d) {
        now += d.toNanos();
    }

    private void runBackgroundTasks() {
        while (!backgroundTasks.isEmpty()) {
            backgroundTasks.poll().run();
        }
    }

    @Test
    void aCampaignReadOnceIsAnsweredFromMemoryUntilHalfItsLifeWithoutAnyRead() {
        stored.put("black-week", campaign("v1"));
        assertEquals("v1", recent.inMemoryOrRead("black-week").orElseThrow().name());
        advance(TTL.dividedBy(2).minusMillis(1));
        for (int i = 0; i < 100; i++) {
            assertEquals("v1", recent.inMemory("black-week").orElseThrow().name());
        }
        assertEquals(1, reads);
        assertTrue(backgroundTasks.isEmpty());
    }

    @Test
    void fromHalfItsLifeOneBackgroundReadRefreshesItWhileTheRememberedOneIsStillAnswered() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        stored.put("black-week", campaign("v2")); // changed through another instance
        advance(TTL.dividedBy(2));
        for (int i = 0; i < 100; i++) {
            assertEquals("v1", recent.inMemory("black-week").orElseThrow().name(), "no decision waits for the refresh");
        }
        assertEquals(1, backgroundTasks.size(), "one refresh, however many decisions ask");
        runBackgroundTasks();
        assertEquals(2, reads);
        assertEquals("v2", recent.inMemory("black-week").orElseThrow().name());
        // The refreshed entry lives from its own read: at 1.9 × TTL after the first read it is still answered.
        advance(TTL.dividedBy(2).minusMillis(1));
        assertEquals("v2", recent.inMemory("black-week").orElseThrow().name());
        assertTrue(backgroundTasks.isEmpty());
    }

    @Test
    void anEntryIsNeverAnsweredOnceTheTtlSinceItsReadBeganHasPassed() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        advance(TTL.dividedBy(2));
        recent.inMemory("black-week"); // starts a refresh that does not finish in time
        advance(TTL.dividedBy(2));
        assertEquals(Optional.empty(), recent.inMemory("black-week"));
        stored.put("black-week", campaign("v2"));
        assertEquals(
                "v2", recent.inMemoryOrRead("black-week").orElseThrow().name(), "after the expiry the store is asked");
    }

    @Test
    void theAgeOfARefreshedEntryCountsFromTheStartOfItsRead() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        advance(TTL.dividedBy(2));
        long refreshStartedAt = now;
        recent.inMemory("black-week");
        readTakes = Duration.ofMillis(700); // a change landing while the read runs may be missed by it
        runBackgroundTasks();
        now = refreshStartedAt + TTL.toNanos() - 1;
        assertTrue(recent.inMemory("black-week").isPresent());
        now = refreshStartedAt + TTL.toNanos();
        assertEquals(Optional.empty(), recent.inMemory("black-week"), "700 ms of reading do not extend its life");
    }

    @Test
    void aRefreshThatBeganBeforeACampaignWasStoredHereDoesNotPutTheOlderOneBack() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        advance(TTL.dividedBy(2));
        recent.inMemory("black-week");
        // The refresh has begun and read v1 when this instance stores v2.
        whileReading = () -> {
            advance(Duration.ofMillis(10));
            recent.stored(campaign("v2"));
        };
        runBackgroundTasks();
        assertEquals("v2", recent.inMemory("black-week").orElseThrow().name());
    }

    @Test
    void aCampaignGoneFromTheStoreIsForgottenByTheRefresh() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        stored.remove("black-week");
        advance(TTL.dividedBy(2));
        recent.inMemory("black-week");
        runBackgroundTasks();
        assertEquals(Optional.empty(), recent.inMemory("black-week"));
        assertEquals(Optional.empty(), recent.inMemoryOrRead("black-week"));
    }

    @Test
    void aFailedRefreshKeepsTheCampaignUntilItExpiresAndIsNotRetriedInAStorm() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        storeDown = true;
        advance(TTL.dividedBy(2));
        recent.inMemory("black-week");
        runBackgroundTasks();
        for (int i = 0; i < 100; i++) {
            assertEquals("v1", recent.inMemory("black-week").orElseThrow().name());
        }
        assertTrue(backgroundTasks.isEmpty(), "no new refresh after a failed one");
        assertEquals(2, reads);
        advance(TTL.dividedBy(2));
        assertEquals(Optional.empty(), recent.inMemory("black-week"));
    }

    @Test
    void whenTheExecutorRefusesTheRefreshALaterDecisionTriesAgain() {
        stored.put("black-week", campaign("v1"));
        recent.inMemoryOrRead("black-week");
        stored.put("black-week", campaign("v2"));
        advance(TTL.dividedBy(2));
        executorRejects = true;
        assertEquals("v1", recent.inMemory("black-week").orElseThrow().name());
        executorRejects = false;
        recent.inMemory("black-week");
        runBackgroundTasks();
        assertEquals("v2", recent.inMemory("black-week").orElseThrow().name());
    }

    @Test
    void unknownCampaignsAreNotRemembered() {
        assertEquals(Optional.empty(), recent.inMemoryOrRead("black-week"));
        stored.put("black-week", campaign("v1"));
        assertEquals(
                "v1", recent.inMemoryOrRead("black-week").orElseThrow().name(), "defined elsewhere: found at once");
    }
}
