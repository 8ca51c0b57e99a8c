package dev.selektor.common;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The background work running in this instance (outbox relay, fact-update consumers, model and contact-pressure
 * refreshes, the lease watch) and whether each fails, since when: what {@link BackgroundHealth} reports, so that
 * an outage of the store or the broker shows there while readiness tells about the store alone.
 */
public final class BackgroundWorks {

    /** One piece of background work. */
    public interface Work {
        /** What it does, for people: "Taking fact updates from SQS". */
        String what();

        /** Since when and why it fails; empty while it works. */
        Optional<BackgroundLoop.Failure> failing();
    }

    private static final Set<Work> ACTIVE = ConcurrentHashMap.newKeySet();

    private BackgroundWorks() {}

    public static void started(Work work) {
        ACTIVE.add(work);
    }

    public static void ended(Work work) {
        ACTIVE.remove(work);
    }

    public static List<Work> active() {
        return ACTIVE.stream().sorted(Comparator.comparing(Work::what)).toList();
    }
}
