package dev.selektor.authoring;

import dev.selektor.common.ConflictException;
import dev.selektor.common.FieldError;
import dev.selektor.common.ForbiddenActionException;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.SelektorConfig;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.ModelProblem;
import dev.selektor.decision.model.ModelRejectedException;
import dev.selektor.decision.model.ModelVersion;
import dev.selektor.decision.model.RuleRowDiff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The marketer's way from an edited table to a live one: save a validated draft, run the model's regression
 * cases on it, publish it (an approver who is not its author; failing cases need a recorded reason), or make an
 * earlier version live again. Every act is written to the audit trail in the same transaction as its effect.
 */
@ApplicationScoped
public class AuthoringService {
    private static final Logger LOG = Logger.getLogger(AuthoringService.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Inject
    ModelStore store;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    SelektorConfig config;

    @Inject
    DraftTests tests;

    @Inject
    DraftProbe probe;

    public Draft saveDraft(String name, byte[] content, String user) {
        checkName(name);
        String draftId = UUID.randomUUID().toString();
        // Before validating: validating a large table takes long, and one the store cannot hold is refused anyway.
        store.checkDraftFits(
                Draft.saved(name, draftId, user, Optional.empty(), ModelVersion.of(content), content, List.of()));
        DecisionModel compiled;
        try {
            compiled = registry.compiler().compile("draft of " + name, content, mustBeCampaignModel(name));
        } catch (ModelRejectedException e) {
            throw new DraftRejectedException(
                    "The draft of " + name + " is not valid; nothing was stored", e.problems());
        }
        if (!compiled.name().equals(name)) {
            throw new DraftRejectedException(
                    "The draft of " + name + " is not valid; nothing was stored",
                    List.of(ModelProblem.error(
                            "definitions",
                            "the model is named \"" + compiled.name() + "\"; a draft of " + name + " must be named \""
                                    + name + "\"")));
        }
        probe.check(compiled);
        Optional<DecisionModel> live = registry.find(name);
        Draft draft = Draft.saved(
                name,
                draftId,
                user,
                live.map(DecisionModel::version),
                compiled.version(),
                content,
                compiled.warnings().stream().map(ModelProblem::toString).toList());
        store.saveDraft(
                draft,
                new AuditEntry(
                        name,
                        draft.createdAt(),
                        "DRAFT_SAVED",
                        user,
                        draft.baseVersion(),
                        Optional.of(compiled.version()),
                        Optional.of(draft.draftId()),
                        live.map(m -> RuleRowDiff.between(m, compiled)).orElse(List.of()),
                        Optional.empty()));
        return draft;
    }

    public Draft draft(String name, String draftId) {
        return store.draft(name, draftId)
                .orElseThrow(() -> new NotFoundException("There is no draft " + draftId + " of " + name));
    }

    public List<Draft> drafts(String name) {
        return store.drafts(name);
    }

    /** Runs {@code decision-tests/<name>.csv} against the draft and keeps the report with it. */
    public TestReport runTests(String name, String draftId) {
        Draft draft = draft(name, draftId);
        TestReport report = tests.run(compile(draft));
        store.updateDraft(draft.withTests(report));
        return report;
    }

    public PublishedVersion publish(String name, String draftId, String approver, Optional<String> reason) {
        Draft draft = draft(name, draftId);
        if (draft.publishedAs().isPresent()) {
            throw new ConflictException("Draft " + draftId + " is already published as version "
                    + draft.publishedAs().get());
        }
        if (draft.author().equals(approver)) {
            throw new ForbiddenActionException(
                    "Four eyes: " + approver + " wrote this draft and cannot also publish it");
        }
        DecisionModel compiled = compile(draft);
        probe.check(compiled);
        TestReport report = tests.run(compiled);
        Optional<String> why = reason.map(String::strip).filter(r -> !r.isEmpty());
        if (report.stopped() != null) {
            throw new ConflictException("Publishing is blocked: the regression cases stopped: " + report.stopped());
        }
        if (!report.allPassed() && why.isEmpty()) {
            String what = report.cases().isEmpty()
                    ? "there are no regression cases for " + name
                    : report.failed() + " of " + report.cases().size() + " regression cases fail";
            throw new ConflictException(
                    "Publishing is blocked: " + what + ". Give a reason to publish anyway; it is recorded.");
        }
        store.updateDraft(draft.withTests(report));
        Optional<LiveVersion> live = store.live(name);
        int seq = store.versions(name).stream()
                        .mapToInt(PublishedVersion::seq)
                        .max()
                        .orElse(0)
                + 1;
        Instant now = Instant.now();
        PublishedVersion version = new PublishedVersion(
                name,
                seq,
                compiled.version(),
                draft.author(),
                now,
                "draft " + draftId,
                report.allPassed() ? Optional.empty() : why,
                draft.content());
        Optional<DecisionModel> before = registry.find(name);
        AuditEntry entry = new AuditEntry(
                name,
                now,
                "PUBLISHED",
                approver,
                before.map(DecisionModel::version),
                Optional.of(compiled.version()),
                Optional.of(draftId),
                before.map(m -> RuleRowDiff.between(m, compiled)).orElse(List.of("new model")),
                version.reason());
        if (!store.publish(version, live.map(LiveVersion::seq), entry)) {
            throw new ConflictException(
                    "Someone else published or activated a version of " + name + " meanwhile; look again and retry");
        }
        registry.install(compiled);
        store.updateDraft(new Draft(
                draft.name(),
                draft.draftId(),
                draft.author(),
                draft.createdAt(),
                draft.baseVersion(),
                draft.version(),
                draft.content(),
                draft.warnings(),
                Optional.of(report),
                Optional.of(seq)));
        LOG.infof("%s published draft %s of %s as version %d (%s)", approver, draftId, name, seq, compiled.version());
        return version;
    }

    /** Makes an earlier (or later) published version live again. */
    public LiveVersion activate(String name, int seq, String approver, Optional<String> reason) {
        PublishedVersion version = store.version(name, seq)
                .orElseThrow(() -> new NotFoundException("There is no version " + seq + " of " + name));
        LiveVersion live = store.live(name).orElseThrow(() -> new NotFoundException("There is no model " + name));
        if (live.seq() == seq) {
            throw new ConflictException("Version " + seq + " of " + name + " is already live");
        }
        DecisionModel compiled = registry.compiler().compile(name + " version " + seq, version.content(), false);
        Instant now = Instant.now();
        Optional<DecisionModel> before = registry.find(name);
        LiveVersion next = new LiveVersion(name, seq, version.version(), now, approver);
        AuditEntry entry = new AuditEntry(
                name,
                now,
                "ACTIVATED",
                approver,
                Optional.of(live.version()),
                Optional.of(version.version()),
                Optional.empty(),
                before.map(m -> RuleRowDiff.between(m, compiled)).orElse(List.of()),
                reason.map(String::strip).filter(r -> !r.isEmpty()));
        if (!store.activate(next, live.seq(), entry)) {
            throw new ConflictException(
                    "Someone else published or activated a version of " + name + " meanwhile; look again and retry");
        }
        registry.install(compiled);
        LOG.infof("%s made version %d of %s live again (%s)", approver, seq, name, version.version());
        return next;
    }

    public List<AuditEntry> audit(String name) {
        return store.audit(name);
    }

    public List<PublishedVersion> versions(String name) {
        return store.versions(name);
    }

    public Optional<LiveVersion> live(String name) {
        return store.live(name);
    }

    public List<LiveVersion> allLive() {
        return store.allLive();
    }

    /** A draft compiled as it would go live, for questions about it (its tests, its impact, its reach). */
    public DecisionModel compiledDraft(String name, String draftId) {
        return compile(draft(name, draftId));
    }

    DecisionModel compile(Draft draft) {
        return registry.compiler()
                .compile(
                        "draft " + draft.draftId() + " of " + draft.name(),
                        draft.content(),
                        mustBeCampaignModel(draft.name()));
    }

    /**
     * The editor is for campaign tables: a draft must keep the campaign conventions unless its model is already live
     * as another kind of model (one loaded from {@code dmn/} for the generic evaluation endpoint, say). A campaign
     * model cannot turn into something no campaign can use, and a new model starts as a campaign model.
     */
    private boolean mustBeCampaignModel(String name) {
        return registry.find(name).map(DecisionModel::isCampaignModel).orElse(true);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(new FieldError(
                    "/name",
                    "a model name is 1-63 lower-case letters, digits and dashes, starting with a letter or digit; got \""
                            + name + "\""));
        }
    }
}
