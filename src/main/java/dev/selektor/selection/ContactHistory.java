package dev.selektor.selection;

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

    /** For one decision. */
    @Override
    public ContactPressure forCustomer(String customerId, String campaignId, LocalDate runDate) {
        LocalDate from = runDate.minusDays(config.contactPressure().windowDays());
        Map<String, Boolean> completed = new HashMap<>();
        Set<String> campaigns = new HashSet<>();
        for (SelectionResult r : results.ofCustomerBetween(customerId, from, runDate)) {
            if (r.outcome() == Outcome.Kind.SELECTED && !r.campaignId().equals(campaignId)
                    && completed.computeIfAbsent(r.runId(), this::isCompleted)) {
                campaigns.add(r.campaignId());
            }
        }
        return new ContactPressure(campaigns.size(), config.contactPressure().maxCampaigns());
    }

    /** For a run: the pressure of every customer who has any, looked up in memory afterwards. */
    public Function<String, ContactPressure> forRun(String campaignId, LocalDate runDate) {
        LocalDate from = runDate.minusDays(config.contactPressure().windowDays());
        List<SelectionRun> window = runs.findAll().stream()
                .filter(r -> r.status() == SelectionRun.Status.COMPLETED && !r.campaignId().equals(campaignId))
                .filter(r -> !r.runDate().isBefore(from) && r.runDate().isBefore(runDate))
                .toList();
        Map<String, Set<String>> campaignsByCustomer = new HashMap<>();
        for (SelectionRun run : window) {
            results.forEachOfRun(run.runId(), r -> {
                if (r.outcome() == Outcome.Kind.SELECTED) {
                    campaignsByCustomer.computeIfAbsent(r.customerId(), c -> new HashSet<>(4)).add(run.campaignId());
                }
            });
        }
        int limit = config.contactPressure().maxCampaigns();
        return customerId -> {
            Set<String> campaigns = campaignsByCustomer.get(customerId);
            return new ContactPressure(campaigns == null ? 0 : campaigns.size(), limit);
        };
    }

    /** Completed runs never change again, so the answer "completed" is kept; any other is asked again next time. */
    private boolean isCompleted(String runId) {
        if (completedRuns.contains(runId)) {
            return true;
        }
        boolean completed = runs.find(runId).map(r -> r.status() == SelectionRun.Status.COMPLETED).orElse(false);
        if (completed) {
            completedRuns.add(runId);
        }
        return completed;
    }
}
