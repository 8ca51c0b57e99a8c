package dev.selektor.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.bench.load.TailAttribution.Attribution;
import dev.selektor.bench.load.TailAttribution.Pause;
import dev.selektor.bench.load.TailAttribution.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's answer to "is the collector the p99?" rests on two things: reading the JVM's safepoint log
 * right (a line is written at a pause's end, and says how long it lasted) and counting a request against a pause
 * only when it was in flight during it.
 */
class TailAttributionTest {

    @Test
    void aSafepointLineGivesThePauseEndingAtItsTimestamp() {
        List<Pause> pauses = TailAttribution.readSafepoints(List.of(
                "[1796324923025ms] Safepoint \"G1CollectForAllocation\", Time since last: 1073776973 ns, Reaching safepoint:"
                        + " 137226 ns, Cleanup: 16942 ns, At safepoint: 3036882 ns, Total: 3191050 ns",
                "[1796324922000ms] Safepoint \"Cleanup\", Time since last: 1000185375 ns, Reaching safepoint: 107651 ns,"
                        + " Cleanup: 51847 ns, At safepoint: 5821 ns, Total: 165319 ns",
                "[1796324923100ms] some other line of the log"));

        assertEquals(
                List.of(
                        new Pause(1796324922000_000L - 165, 1796324922000_000L, "Cleanup"),
                        new Pause(1796324923025_000L - 3191, 1796324923025_000L, "G1CollectForAllocation")),
                pauses);
    }

    @Test
    void onlyRequestsInFlightDuringAPauseAreCountedAgainstIt() {
        // 1,000 requests, one every millisecond, each taking 300 µs; a 4 ms pause from 500.0 to 504.0 ms, which
        // those due during it wait out.
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long due = i * 1000L;
            requests.add(new Request(due, due >= 500_000 && due <= 504_000 ? 504_000 - due + 300 : 300));
        }
        List<Pause> pauses = List.of(
                new Pause(-50_000, -49_000, "Cleanup"),
                new Pause(500_000, 504_000, "G1CollectForAllocation"),
                new Pause(2_000_000, 2_001_000, "Cleanup"));

        Attribution a = TailAttribution.attribute(requests, pauses, 2_000);

        // Due 499..505 ms are within a millisecond of the pause: 7 requests. Over 2 ms: those due at 500, 501, 502 ms.
        assertEquals(1000, a.requests());
        assertEquals(7, a.atPause());
        assertEquals(3, a.slow());
        assertEquals(3, a.slowAtPause());
        // The pauses before the first request and after the last one's end are not the run's.
        assertEquals(List.of(pauses.get(1)), a.pauses());
        assertEquals(4_000, a.stoppedMicros());
        // Four requests in 1,000 were slowed: the p99.9 of all is the second slowest; without them every request took
        // 300 µs.
        assertEquals(300, a.p99());
        assertEquals(3_300, a.p999());
        assertEquals(300, a.p999WithoutPauses());
    }

    @Test
    void aSlowRequestAwayFromEveryPauseStaysInTheTail() {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(new Request(i * 1000L, i % 50 == 7 ? 9_000 : 200));
        }
        Attribution a = TailAttribution.attribute(
                requests, List.of(new Pause(100_000, 100_500, "G1CollectForAllocation")), 2_000);

        assertEquals(4, a.slow());
        assertEquals(0, a.slowAtPause());
        assertEquals(9_000, a.p99());
        assertEquals(9_000, a.p99WithoutPauses());
    }

    @Test
    void aTimelineIsReadLineByLineAndABadLineIsNamed() {
        assertEquals(
                List.of(new Request(1796324894415936L, 1755), new Request(1796324894416136L, 2820)),
                TailAttribution.readTimeline(List.of("1796324894415936 1755", "", "1796324894416136 2820")));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TailAttribution.readTimeline(List.of("1796324894415936 1755", "1796324894416136")));
        assertTrue(e.getMessage().startsWith("line 2 of the timeline"), e.getMessage());
    }

    @Test
    void theGeneratorsTimelineIsInWallClockMicrosecondsAsTheJvmLogIs(@TempDir Path dir) throws IOException {
        Timeline timeline = new Timeline();
        long due = System.nanoTime();
        timeline.add(due, 2_500_000);
        timeline.add(due + 200_000, 900_000);
        long epochMicros = System.currentTimeMillis() * 1_000;
        Path file = dir.resolve("timeline.txt");
        timeline.write(file);

        List<Request> read = TailAttribution.readTimeline(Files.readAllLines(file));

        assertEquals(
                List.of(2_500L, 900L), read.stream().map(Request::latencyMicros).toList());
        assertEquals(200, read.get(1).dueMicros() - read.get(0).dueMicros());
        // The same clock as -Xlog's timemillis: within the few milliseconds this test took.
        assertTrue(Math.abs(read.get(0).dueMicros() - epochMicros) < 50_000, read.get(0) + " against " + epochMicros);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(990, TailAttribution.percentile(sorted, 0.99));
        assertEquals(999, TailAttribution.percentile(sorted, 0.999));
        assertEquals(0, TailAttribution.percentile(new long[0], 0.99));
    }
}
