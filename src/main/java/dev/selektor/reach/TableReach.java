package dev.selektor.reach;

import dev.selektor.audience.AudienceFilter;
import dev.selektor.audience.AudienceIndex;
import dev.selektor.audience.Criterion;
import dev.selektor.authoring.AuthoringService;
import dev.selektor.authoring.DraftWork;
import dev.selektor.campaign.Campaign;
import dev.selektor.campaign.CampaignService;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.NotFoundException;
import dev.selektor.decision.Outcome;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.compiled.SelectionRows;
import dev.selektor.decision.model.convention.ModelResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table's reach, counted in the customer index instead of evaluated customer by customer: each rule row becomes a
 * query (see {@link SelectionRows}), and one search counts them all.
 */
@ApplicationScoped
public class TableReach {

    /** What is asked: the run date, the campaign whose holdout applies, and an audience to count within. */
    public record Question(LocalDate runDate, Optional<String> campaignId, List<AudienceFilter> within) {}

    /** The index cannot count this table at all; the impact preview can. */
    public static final class NotAnswerable extends RuntimeException {
        public NotAnswerable(String message) {
            super(message);
        }
    }

    @Inject
    DecisionModelRegistry registry;

    @Inject
    AuthoringService authoring;

    @Inject
    DraftWork draftWork;

    @Inject
    CampaignService campaigns;

    @Inject
    AudienceIndex index;

    public Reach ofLive(String name, Question question) {
        DecisionModel model = registry.find(name)
                .orElseThrow(() -> new NotFoundException("There is no live decision model named " + name));
        return of(model, question);
    }

    /** Compiling a draft is draft work: it runs where it cannot slow checkout's decisions. */
    public Reach ofDraft(String name, String draftId, Question question) {
        DecisionModel model = draftWork.run(() -> authoring.compiledDraft(name, draftId));
        return of(model, question);
    }

    private Reach of(DecisionModel model, Question question) {
        double holdoutPercent = holdout(model, question.campaignId());
        SelectionRows.Translation translation = model.selectionRows(question.runDate());
        if (translation instanceof SelectionRows.Unanswerable unanswerable) {
            throw new NotAnswerable("The customer index cannot count the reach of " + model.name() + ": "
                    + unanswerable.reason() + ". The impact preview of a draft evaluates every customer instead.");
        }
        SelectionRows.Table table = (SelectionRows.Table) translation;
        Map<String, List<Integer>> groups = groups(table);
        Criterion scope = Criterion.all(question.within().stream()
                .map(f -> (Criterion) new Criterion.Holds(f))
                .toList());
        AudienceIndex.Counts counts = index.countEach(question.runDate(), scope, RowCounts.buckets(table, groups));
        List<Reach.RowReach> rows = rows(table, counts.counts());
        Map<String, Long> byDiscount = new LinkedHashMap<>();
        Map<String, Long> byReason = new LinkedHashMap<>();
        long selected = 0;
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            long n = table.hitPolicy() == SelectionRows.HitPolicy.FIRST
                    ? group.getValue().stream()
                            .mapToLong(r -> rows.get(r - 1).customers())
                            .sum()
                    : counts.counts().get(RowCounts.union(group.getKey()));
            String key = group.getKey();
            if (key.equals(SELECTED)) {
                selected = n;
            } else if (key.startsWith(DISCOUNT)) {
                byDiscount.put(key.substring(DISCOUNT.length()), n);
            } else {
                byReason.put(key.substring(REASON.length()), n);
            }
        }
        Map<String, Long> policies = new LinkedHashMap<>();
        policies.put(RowCounts.NO_CONSENT, counts.counts().get(RowCounts.NO_CONSENT));
        policies.put(RowCounts.FRAUD_SUSPECTED, counts.counts().get(RowCounts.FRAUD_SUSPECTED));
        return new Reach(
                model.name(),
                model.version(),
                question.runDate(),
                counts.inScope(),
                policies,
                rows,
                counts.counts().get(RowCounts.NO_RULE_MATCHED),
                selected,
                byDiscount,
                byReason,
                Math.round(selected * holdoutPercent / 100),
                List.of("CONTACT_PRESSURE"),
                rows.stream().allMatch(Reach.RowReach::exact),
                counts.asOf(),
                counts.indexLagSeconds(),
                counts.tookMs());
    }

    private static final String SELECTED = "selected";
    private static final String DISCOUNT = "discount:";
    private static final String REASON = "reason:";

    /** Rows by what they add up to: selected, each discount, each reason. */
    private static Map<String, List<Integer>> groups(SelectionRows.Table table) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        groups.put(SELECTED, new ArrayList<>());
        for (SelectionRows.Row row : table.rows()) {
            if (row.answer() instanceof ModelResult.Eligible e) {
                groups.get(SELECTED).add(row.row());
                groups.computeIfAbsent(DISCOUNT + percent(e.discountPercent()), k -> new ArrayList<>())
                        .add(row.row());
            }
            groups.computeIfAbsent(REASON + Outcome.ofModel(row.answer()).reason(), k -> new ArrayList<>())
                    .add(row.row());
        }
        return groups;
    }

    private static List<Reach.RowReach> rows(SelectionRows.Table table, Map<String, Long> counts) {
        List<Reach.RowReach> rows = new ArrayList<>();
        Optional<Integer> firstInexact = Optional.empty();
        for (SelectionRows.Row row : table.rows()) {
            String note = row.note().orElse(null);
            if (note == null && firstInexact.isPresent() && table.hitPolicy() == SelectionRows.HitPolicy.FIRST) {
                note = "row " + firstInexact.get() + " comes first and its count is not exact, so neither is this one";
            }
            if (row.note().isPresent() && firstInexact.isEmpty()) {
                firstInexact = Optional.of(row.row());
            }
            Outcome outcome = Outcome.ofModel(row.answer());
            rows.add(new Reach.RowReach(
                    row.row(),
                    outcome.kind().name(),
                    outcome.reason(),
                    outcome.eligible() ? percentNumber(outcome.discountPercent()) : 0,
                    row.annotation(),
                    counts.get(RowCounts.row(row.row())),
                    note == null,
                    note));
        }
        return rows;
    }

    private static String percent(BigDecimal discount) {
        return discount.stripTrailingZeros().toPlainString();
    }

    private static Number percentNumber(BigDecimal discount) {
        BigDecimal d = discount.stripTrailingZeros();
        return d.scale() <= 0 ? (Number) d.longValueExact() : (Number) d;
    }

    private double holdout(DecisionModel model, Optional<String> campaignId) {
        if (campaignId.isEmpty()) {
            return 0;
        }
        Campaign campaign = campaigns
                .find(campaignId.get())
                .orElseThrow(() -> new InvalidInputException(
                        new FieldError("/campaignId", "no campaign " + campaignId.get() + " is defined")));
        if (!campaign.decisionModel().equals(model.name())) {
            throw new InvalidInputException(new FieldError(
                    "/campaignId",
                    "campaign " + campaign.campaignId() + " decides with " + campaign.decisionModel() + ", not "
                            + model.name()));
        }
        return campaign.holdoutPercent();
    }
}
