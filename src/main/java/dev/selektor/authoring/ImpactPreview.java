package dev.selektor.authoring;

import dev.selektor.campaign.Campaign;
import dev.selektor.common.ConflictException;
import dev.selektor.common.NotFoundException;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.Decision;
import dev.selektor.decision.Outcome;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.EvaluationBudget;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.policy.ContactPressure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Evaluates a draft and the live version side by side over every stored customer, in the background, reading
 * only: nothing is written but the report, which this instance keeps in memory.
 */
@ApplicationScoped
public class ImpactPreview {
    private static final Logger LOG = Logger.getLogger(ImpactPreview.class);
    private static final int SAMPLES = 5;
    private static final int SEGMENTS = 4;
    private static final int PAGE = 500;
    private static final int KEPT = 50;

    @Inject
    AuthoringService authoring;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    CustomerFactsRepository customers;

    private final Map<String, Progress> reports = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "impact-preview");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    public ImpactReport start(String name, String draftId, LocalDate runDate) {
        Draft draft = authoring.draft(name, draftId);
        DecisionModel proposed = authoring.compile(draft);
        if (!proposed.isCampaignModel()) {
            throw new ConflictException(
                    "The impact preview compares who a campaign selects; " + name + " is not a campaign model");
        }
        DecisionModel live = registry.find(name)
                .orElseThrow(() ->
                        new ConflictException("There is no live version of " + name + " to compare the draft with"));
        Progress progress =
                new Progress(UUID.randomUUID().toString(), name, draftId, runDate, live.version(), proposed.version());
        forgetOld();
        reports.put(progress.impactId, progress);
        worker.execute(() -> progress.run(live, proposed));
        return progress.report();
    }

    public ImpactReport find(String name, String draftId, String impactId) {
        Progress progress = reports.get(impactId);
        if (progress == null || !progress.name.equals(name) || !progress.draftId.equals(draftId)) {
            throw new NotFoundException("There is no impact preview " + impactId + " of draft " + draftId
                    + " on this instance (previews are kept in memory, the latest " + KEPT + ")");
        }
        return progress.report();
    }

    private void forgetOld() {
        if (reports.size() >= KEPT) {
            reports.values().stream()
                    .min(Comparator.comparing(p -> p.startedAt))
                    .ifPresent(p -> reports.remove(p.impactId));
        }
    }

    /** The counts of one preview while it runs; readers get consistent copies. */
    private final class Progress {
        final String impactId;
        final String name;
        final String draftId;
        final LocalDate runDate;
        final String liveVersion;
        final String draftVersion;
        final Instant startedAt = Instant.now();
        private long processed;
        private long selectedLive;
        private long selectedDraft;
        private long entering;
        private long leaving;
        private long discountChanged;
        private final Map<String, GroupCount> groups = new LinkedHashMap<>();
        private String status = "RUNNING";
        private Instant finishedAt;
        private String failure;

        Progress(
                String impactId,
                String name,
                String draftId,
                LocalDate runDate,
                String liveVersion,
                String draftVersion) {
            this.impactId = impactId;
            this.name = name;
            this.draftId = draftId;
            this.runDate = runDate;
            this.liveVersion = liveVersion;
            this.draftVersion = draftVersion;
        }

        void run(DecisionModel live, DecisionModel proposed) {
            try {
                EvaluationBudget.strict(() -> {
                    CampaignDecider decider = new CampaignDecider(registry.policies());
                    Campaign campaign = Campaign.forModel(name, 0);
                    for (int segment = 0; segment < SEGMENTS; segment++) {
                        Optional<String> after = Optional.empty();
                        do {
                            CustomerFactsRepository.Page page = customers.scanSegment(segment, SEGMENTS, after, PAGE);
                            for (CustomerFacts facts : page.customers()) {
                                Decision before =
                                        decider.decide(campaign, live, facts, runDate, ContactPressure.noHistory());
                                Decision after2 =
                                        decider.decide(campaign, proposed, facts, runDate, ContactPressure.noHistory());
                                count(facts.customerId(), before, after2);
                            }
                            after = page.lastKey();
                        } while (after.isPresent());
                    }
                    return null;
                });
                synchronized (this) {
                    status = "COMPLETED";
                    finishedAt = Instant.now();
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Impact preview %s of draft %s failed", impactId, draftId);
                synchronized (this) {
                    status = "FAILED";
                    failure = String.valueOf(e.getMessage());
                    finishedAt = Instant.now();
                }
            }
        }

        private synchronized void count(String customerId, Decision before, Decision after) {
            processed++;
            boolean wasSelected = before.outcome().kind() == Outcome.Kind.SELECTED;
            boolean isSelected = after.outcome().kind() == Outcome.Kind.SELECTED;
            selectedLive += wasSelected ? 1 : 0;
            selectedDraft += isSelected ? 1 : 0;
            String change;
            if (isSelected && !wasSelected) {
                entering++;
                change = "ENTERING";
            } else if (wasSelected && !isSelected) {
                leaving++;
                change = "LEAVING";
            } else if (isSelected
                    && before.outcome()
                                    .discountPercent()
                                    .compareTo(after.outcome().discountPercent())
                            != 0) {
                discountChanged++;
                change = "DISCOUNT_CHANGED";
            } else {
                return;
            }
            Integer row = after.explanation().matchedRules().stream()
                    .filter(r -> r.decision().equals("Selection"))
                    .map(MatchedRule::row)
                    .findFirst()
                    .orElse(null);
            String reason = after.outcome().reason();
            GroupCount group =
                    groups.computeIfAbsent(change + "|" + reason + "|" + row, k -> new GroupCount(change, reason, row));
            group.customers++;
            if (group.samples.size() < SAMPLES) {
                group.samples.add(customerId);
            }
        }

        synchronized ImpactReport report() {
            List<ImpactReport.Group> list = groups.values().stream()
                    .map(g -> new ImpactReport.Group(g.change, g.reason, g.row, g.customers, List.copyOf(g.samples)))
                    .sorted(Comparator.comparing(ImpactReport.Group::change)
                            .thenComparing(ImpactReport.Group::customers, Comparator.reverseOrder()))
                    .toList();
            return new ImpactReport(
                    impactId,
                    name,
                    draftId,
                    runDate,
                    liveVersion,
                    draftVersion,
                    status,
                    processed,
                    selectedLive,
                    selectedDraft,
                    entering,
                    leaving,
                    discountChanged,
                    list,
                    startedAt,
                    Optional.ofNullable(finishedAt),
                    Optional.ofNullable(failure));
        }
    }

    private static final class GroupCount {
        final String change;
        final String reason;
        final Integer row;
        long customers;
        final List<String> samples = new ArrayList<>(SAMPLES);

        GroupCount(String change, String reason, Integer row) {
            this.change = change;
            this.reason = reason;
            this.row = row;
        }
    }
}
