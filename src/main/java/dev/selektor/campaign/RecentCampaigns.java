package dev.selektor.campaign;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Campaigns as single decisions last read them. Checkout asks about the same few campaigns all the time, so a
 * campaign is reused for up to {@code ttl}, counted from the moment its read began: a change made through another
 * instance is answered within {@code ttl}. From half that age on, one background read refreshes it while the
 * remembered one is still answered; without that, every decision arriving after the expiry would wait for (and
 * each repeat) the store read until one of them had put the campaign back.
 */
final class RecentCampaigns {
    private static final Logger LOG = Logger.getLogger(RecentCampaigns.class);

    private final long ttlNanos;
    private final Function<String, Optional<Campaign>> store;
    private final Executor background;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** {@code refreshing}: a background read has been started for this entry (set once; a new read is a new entry). */
    private record Entry(Campaign campaign, long readStartedAt, AtomicBoolean refreshing) {
        Entry(Campaign campaign, long readStartedAt) {
            this(campaign, readStartedAt, new AtomicBoolean());
        }
    }

    RecentCampaigns(
            Duration ttl, Function<String, Optional<Campaign>> store, Executor background, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.store = store;
        this.background = background;
        this.nanoTime = nanoTime;
    }

    /** The campaign if it was read less than {@code ttl} ago, without waiting for the store. */
    Optional<Campaign> inMemory(String campaignId) {
        Entry entry = entries.get(campaignId);
        if (entry == null) {
            return Optional.empty();
        }
        long age = nanoTime.getAsLong() - entry.readStartedAt();
        if (age >= ttlNanos) {
            return Optional.empty();
        }
        if (age >= ttlNanos / 2 && entry.refreshing().compareAndSet(false, true)) {
            refreshInBackground(campaignId, entry);
        }
        return Optional.of(entry.campaign());
    }

    /** The campaign as remembered, or as read from the store now (and remembered; an unknown one is not). */
    Optional<Campaign> inMemoryOrRead(String campaignId) {
        Optional<Campaign> remembered = inMemory(campaignId);
        return remembered.isPresent() ? remembered : read(campaignId);
    }

    /** A campaign this instance has just stored: the newest there is. */
    void stored(Campaign campaign) {
        entries.put(campaign.campaignId(), new Entry(campaign, nanoTime.getAsLong()));
    }

    private Optional<Campaign> read(String campaignId) {
        long startedAt = nanoTime.getAsLong();
        Optional<Campaign> read = store.apply(campaignId);
        // A read that began before the entry now held (stored here, or read by another caller) may be older.
        entries.compute(
                campaignId,
                (id, current) -> current != null && current.readStartedAt() >= startedAt
                        ? current
                        : read.map(c -> new Entry(c, startedAt)).orElse(null));
        return read;
    }

    private void refreshInBackground(String campaignId, Entry entry) {
        Runnable refresh = () -> {
            try {
                read(campaignId);
            } catch (RuntimeException e) {
                // The entry is not retried: it expires at its time, and then decisions ask the store themselves and
                // answer its failure.
                LOG.debugf(
                        "Refreshing campaign %s failed; it is reused until it expires: %s", campaignId, e.getMessage());
            }
        };
        try {
            background.execute(refresh);
        } catch (RejectedExecutionException e) {
            entry.refreshing().set(false);
        }
    }
}
