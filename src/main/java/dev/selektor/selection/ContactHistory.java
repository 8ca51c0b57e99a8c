package dev.selektor.selection;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.BackgroundWorks;
import dev.selektor.common.SelektorConfig;
import dev.selektor.decision.Outcome;
import dev.selektor.policy.ContactPressure;
import dev.selektor.policy.ContactPressureSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Contract section 3's contact pressure from stored results: how many other campaigns selected a customer in
 * completed runs whose run date lies in [runDate - D days, runDate). One customer is answered from the index by
 * customer; a whole run preloads the window once, so that a run does not ask the store once per customer.
 */
@ApplicationScoped
public class ContactHistory implements ContactPressureSource {

    @Inject
    SelektorConfig config;

    @Inject
    SelectionRunRepository runs;

    @Inject
    SelectionResultRepository results;

    private final Set<String> completedRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The completed runs as last read, for single decisions; replaced whole, never changed. */
    private volatile CompletedRuns snapshot;

    private final java.util.concurrent.atomic.AtomicBoolean refreshing =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final List<SelectionRun> completedHere = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record CompletedRuns(List<SelectionRun> runs, long readAtNanos) {}

    private final RefreshState refresh = new RefreshState();

    /** Whether reading the completed runs again fails, for the background health. */
    private static final class RefreshState implements BackgroundWorks.Work {
        private volatile Optional<BackgroundLoop.Failure> failing = Optional.empty();

        @Override
        public String what() {
            return "Reading the completed runs for contact pressure";
        }

        @Override
        public Optional<BackgroundLoop.Failure> failing() {
            return failing;
        }

        void failed(RuntimeException e) {
            failing = Optional.of(new BackgroundLoop.Failure(
                    failing.map(BackgroundLoop.Failure::since).orElse(java.time.Instant.now()),
                    String.valueOf(e.getMessage())));
        }

        void worked() {
            failing = Optional.empty();
        }
    }

    @jakarta.annotation.PostConstruct
    void register() {
        BackgroundWorks.started(refresh);
    }

    @jakarta.annotation.PreDestroy
    void unregister() {
        BackgroundWorks.ended(refresh);
    }

    /** For one decision. */
    @Override
    public ContactPressure forCustomer(String customerId, String campaignId, LocalDate runDate) {
        LocalDate from = runDate.minusDays(config.contactPressure().windowDays());
        if (!anyInWindow(completedRuns(), campaignId, from, runDate)) {
            // No other campaign selected anybody in the window: nobody can be under pressure, no query needed.
            return new ContactPressure(0, config.contactPressure().maxCampaigns());
        }
        Map<String, Boolean> completed = new HashMap<>();
        Set<String> campaigns = new HashSet<>();
        for (SelectionResult r : results.ofCustomerBetween(customerId, from, runDate)) {
            if (r.outcome() == Outcome.Kind.SELECTED
                    && !r.campaignId().equals(campaignId)
                    && completed.computeIfAbsent(r.runId(), this::isCompleted)) {
                campaigns.add(r.campaignId());
            }
        }
        return new ContactPressure(campaigns.size(), config.contactPressure().maxCampaigns());
    }

    @Override
    public Optional<ContactPressure> withoutQuery(String customerId, String campaignId, LocalDate runDate) {
        CompletedRuns current = snapshot;
        if (current == null) {
            return Optional.empty();
        }
        completedRuns(); // starts the background read when the list is due for one
        LocalDate from = runDate.minusDays(config.contactPressure().windowDays());
        return anyInWindow(current.runs(), campaignId, from, runDate)
                ? Optional.empty()
                : Optional.of(new ContactPressure(0, config.contactPressure().maxCampaigns()));
    }

    private static boolean anyInWindow(
            List<SelectionRun> completed, String campaignId, LocalDate from, LocalDate runDate) {
        return completed.stream()
                .anyMatch(r -> !r.campaignId().equals(campaignId)
                        && !r.runDate().isBefore(from)
                        && r.runDate().isBefore(runDate));
    }

    /** For a run: the pressure of every customer who has any, looked up in memory afterwards. */
    public Function<String, ContactPressure> forRun(String campaignId, LocalDate runDate) {
        LocalDate from = runDate.minusDays(config.contactPressure().windowDays());
        List<SelectionRun> window = runs.findAll().stream()
                .filter(r -> r.status() == SelectionRun.Status.COMPLETED
                        && !r.campaignId().equals(campaignId))
                .filter(r -> !r.runDate().isBefore(from) && r.runDate().isBefore(runDate))
                .toList();
        Map<String, Set<String>> campaignsByCustomer = new HashMap<>();
        for (SelectionRun run : window) {
            results.forEachOfRun(run.runId(), r -> {
                if (r.outcome() == Outcome.Kind.SELECTED) {
                    campaignsByCustomer
                            .computeIfAbsent(r.customerId(), c -> new HashSet<>(4))
                            .add(run.campaignId());
                }
            });
        }
        int limit = config.contactPressure().maxCampaigns();
        return customerId -> {
            Set<String> campaigns = campaignsByCustomer.get(customerId);
            return new ContactPressure(campaigns == null ? 0 : campaigns.size(), limit);
        };
    }

    /** A run this instance completed counts for single decisions at once, without waiting for the next read. */
    void runCompleted(SelectionRun run) {
        completedRuns.add(run.runId());
        completedHere.add(run);
        CompletedRuns current = snapshot;
        if (current != null) {
            snapshot = new CompletedRuns(union(current.runs()), current.readAtNanos());
        }
    }

    /** Also the runs completed here, in case a read that began before they completed is the one kept. */
    private List<SelectionRun> union(List<SelectionRun> read) {
        Set<String> ids = new HashSet<>();
        List<SelectionRun> all = new java.util.ArrayList<>(read);
        read.forEach(r -> ids.add(r.runId()));
        completedHere.stream().filter(r -> !ids.contains(r.runId())).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * The completed runs, read again in the background once the snapshot is older than
     * {@code selektor.contact-pressure.runs-refresh}, so no decision waits for that read but the first.
     */
    private List<SelectionRun> completedRuns() {
        CompletedRuns current = snapshot;
        if (current == null) {
            current = readCompletedRuns();
            snapshot = current;
        } else if (System.nanoTime() - current.readAtNanos()
                        > config.contactPressure().runsRefresh().toNanos()
                && refreshing.compareAndSet(false, true)) {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    snapshot = readCompletedRuns();
                    refresh.worked();
                } catch (RuntimeException e) {
                    // Decisions go on with the list last read; the next decision after the pause tries again.
                    refresh.failed(e);
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return current.runs();
    }

    private CompletedRuns readCompletedRuns() {
        long readAt = System.nanoTime();
        return new CompletedRuns(
                union(runs.findAll().stream()
                        .filter(r -> r.status() == SelectionRun.Status.COMPLETED)
                        .toList()),
                readAt);
    }

    /** Completed runs never change again, so the answer "completed" is kept; any other is asked again next time. */
    private boolean isCompleted(String runId) {
        if (completedRuns.contains(runId)) {
            return true;
        }
        boolean completed = runs.find(runId)
                .map(r -> r.status() == SelectionRun.Status.COMPLETED)
                .orElse(false);
        if (completed) {
            completedRuns.add(runId);
        }
        return completed;
    }
}
