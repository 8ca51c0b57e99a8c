package dev.selektor.authoring.web;

import dev.selektor.authoring.AuditEntry;
import dev.selektor.authoring.AuthoringService;
import dev.selektor.authoring.ImpactPreview;
import dev.selektor.authoring.LiveModelSync;
import dev.selektor.authoring.LiveVersion;
import dev.selektor.authoring.PublishedVersion;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.Roles;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.TypedName;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Decision models, their drafts, published versions and audit trail (contract sections 6-8). */
@Path("/decision-models")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionModelResource {

    @Inject
    AuthoringService authoring;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    LiveModelSync sync;

    @Inject
    SecurityIdentity identity;

    @Inject
    ImpactPreview impact;

    @Inject
    dev.selektor.common.BusinessClock clock;

    /**
     * How the model is evaluated: {@code compiled: ...} when its tables are compiled, or {@code engine: <the construct
     * the compiler does not cover>} when the Drools engine evaluates it.
     *
     * @param campaignDecisions campaign decisions (the decision endpoint, selection runs, regression cases)
     * @param genericEvaluation the generic evaluation endpoint
     */
    public record EvaluationView(String campaignDecisions, String genericEvaluation) {}

    /**
     * @param campaignModel whether the model follows the campaign conventions (contract section 2), and so can drive a campaign
     */
    public record ModelView(
            String name,
            String liveVersion,
            Integer seq,
            String author,
            Instant publishedAt,
            Instant liveSince,
            String madeLiveBy,
            boolean folderDiffers,
            boolean campaignModel,
            List<TypedName> inputs,
            List<TypedName> decisions,
            EvaluationView evaluation) {}

    public record VersionView(
            int seq, String version, String author, Instant publishedAt, String origin, String reason, boolean live) {}

    /** Body of publish and activate: why, when regression cases fail or when rolling back. */
    public record Approval(String reason) {}

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @Operation(
            summary =
                    "Every decision model: live version, sequence number, author, date, inputs and decisions with their types")
    public List<ModelView> list() {
        return registry.all().values().stream().map(this::view).toList();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    public ModelView one(@PathParam("name") String name) {
        return view(live(name));
    }

    @GET
    @Path("/{name}/dmn")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @Operation(summary = "The live model's DMN XML, or a published version's (?version=seq), to commit into dmn/")
    public Response dmn(@PathParam("name") String name, @QueryParam("version") Integer seq) {
        byte[] content = seq == null
                ? live(name).content()
                : authoring.versions(name).stream()
                        .filter(v -> v.seq() == seq)
                        .findFirst()
                        .orElseThrow(() -> new NotFoundException("There is no version " + seq + " of " + name))
                        .content();
        return Response.ok(content, MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".dmn\"")
                .build();
    }

    @GET
    @Path("/{name}/versions")
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    public List<VersionView> versions(@PathParam("name") String name) {
        Optional<Integer> live = authoring.live(name).map(LiveVersion::seq);
        return authoring.versions(name).stream()
                .map(v -> new VersionView(
                        v.seq(),
                        v.version(),
                        v.author(),
                        v.publishedAt(),
                        v.origin(),
                        v.reason().orElse(null),
                        live.equals(Optional.of(v.seq()))))
                .toList();
    }

    @POST
    @Path("/{name}/versions/{seq}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Make a published version live again (roll back or forward)")
    public LiveVersion activate(@PathParam("name") String name, @PathParam("seq") int seq, Approval approval) {
        return authoring.activate(
                name, seq, user(), Optional.ofNullable(approval).map(Approval::reason));
    }

    @GET
    @Path("/{name}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    @Operation(summary = "Who did what to the model, when, from which version to which, and which rule rows changed")
    public List<AuditEntry> audit(@PathParam("name") String name) {
        return authoring.audit(name);
    }

    private DecisionModel live(String name) {
        return registry.find(name)
                .orElseThrow(() -> new NotFoundException("There is no decision model \"" + name + "\""));
    }

    private ModelView view(DecisionModel m) {
        Optional<LiveVersion> live = authoring.live(m.name());
        Optional<PublishedVersion> published = live.flatMap(l -> authoring.versions(m.name()).stream()
                .filter(v -> v.seq() == l.seq())
                .findFirst());
        return new ModelView(
                m.name(),
                m.version(),
                live.map(LiveVersion::seq).orElse(null),
                published.map(PublishedVersion::author).orElse(null),
                published.map(PublishedVersion::publishedAt).orElse(null),
                live.map(LiveVersion::since).orElse(null),
                live.map(LiveVersion::by).orElse(null),
                sync.folderDiffers(m.name()),
                m.isCampaignModel(),
                m.inputTypes(),
                m.decisionTypes(),
                new EvaluationView(m.fastPath().describe(), m.genericPath().describe()));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
