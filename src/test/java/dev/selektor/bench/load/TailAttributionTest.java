package dev.selektor.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.bench.load.TailAttribution.Attribution;
import dev.selektor.bench.load.TailAttribution.Pause;
import dev.selektor.bench.load.TailAttribution.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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

        assertEquals(List.of(
                new Pause(1796324922000_000L - 165, 1796324922000_000L, "Cleanup"),
                new Pause(1796324923025_000L - 3191, 1796324923025_000L, "G1CollectForAllocation")), pauses);
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
        List<Pause> pauses = List.of(new Pause(-50_000, -49_000, "Cleanup"), new Pause(500_000, 504_000, "G1CollectForAllocation"),
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
        // Four requests in 1,000 were slowed: the p99.9 of all is the second slowest; without them every request took 300 µs.
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
        Attribution a = TailAttribution.attribute(requests, List.of(new Pause(100_000, 100_500, "G1CollectForAllocation")), 2_000);

        assertEquals(4, a.slow());
        assertEquals(0, a.slowAtPause());
        assertEquals(9_000, a.p99());
        assertEquals(9_000, a.p99WithoutPauses());
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
