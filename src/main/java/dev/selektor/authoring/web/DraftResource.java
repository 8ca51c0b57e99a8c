package dev.selektor.authoring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.authoring.AuthoringService;
import dev.selektor.authoring.Draft;
import dev.selektor.authoring.DraftRejectedException;
import dev.selektor.authoring.DraftTooLargeException;
import dev.selektor.authoring.ImpactPreview;
import dev.selektor.authoring.ImpactReport;
import dev.selektor.authoring.PublishedVersion;
import dev.selektor.authoring.TestReport;
import dev.selektor.authoring.web.DecisionModelResource.Approval;
import dev.selektor.authoring.web.DecisionModelResource.VersionView;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.Roles;
import dev.selektor.common.web.Problem;
import dev.selektor.common.web.ProblemMappers;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.ModelProblem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A model's drafts: saving (validated at once), regression cases, the impact preview and publishing (contract section 6). */
@Path("/decision-models/{name}/drafts")
@Produces(MediaType.APPLICATION_JSON)
public class DraftResource {

    @Inject
    AuthoringService authoring;

    @Inject
    SecurityIdentity identity;

    @Inject
    ImpactPreview impact;

    @Inject
    BusinessClock clock;

    public record DraftView(
            String name,
            String draftId,
            String author,
            Instant createdAt,
            String baseVersion,
            String version,
            List<String> warnings,
            TestReport lastTests,
            Integer publishedAs) {
        static DraftView of(Draft d) {
            return new DraftView(
                    d.name(),
                    d.draftId(),
                    d.author(),
                    d.createdAt(),
                    d.baseVersion().orElse(null),
                    d.version(),
                    d.warnings(),
                    d.lastTests().orElse(null),
                    d.publishedAs().orElse(null));
        }
    }

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.EDITOR)
    @Operation(
            summary =
                    "Save a draft (DMN XML); validated at once: 422 with every problem and nothing stored, 413 over 2 MB"
                            + " or larger than the store holds (size and limit in bytes)")
    public Response saveDraft(@PathParam("name") String name, InputStream body) {
        byte[] content = readLimited(body);
        if (content == null) {
            return ProblemMappers.respond(Problem.of(
                    413,
                    "Too large",
                    "A decision model may be at most " + DecisionModelCompiler.MAX_BYTES
                            + " bytes; nothing was stored"));
        }
        Draft draft = authoring.saveDraft(name, content, user());
        return Response.created(URI.create("/decision-models/" + name + "/drafts/" + draft.draftId()))
                .entity(DraftView.of(draft))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    public List<DraftView> drafts(@PathParam("name") String name) {
        return authoring.drafts(name).stream().map(DraftView::of).toList();
    }

    @GET
    @Path("/{draftId}")
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    public DraftView draft(@PathParam("name") String name, @PathParam("draftId") String draftId) {
        return DraftView.of(authoring.draft(name, draftId));
    }

    @GET
    @Path("/{draftId}/dmn")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    public byte[] draftDmn(@PathParam("name") String name, @PathParam("draftId") String draftId) {
        return authoring.draft(name, draftId).content();
    }

    @POST
    @Path("/{draftId}/tests")
    @RolesAllowed({Roles.EDITOR, Roles.APPROVER})
    @Operation(summary = "Run the model's regression cases (decision-tests/<name>.csv) on the draft")
    public TestReport tests(@PathParam("name") String name, @PathParam("draftId") String draftId) {
        return authoring.runTests(name, draftId);
    }

    /** Body of an impact preview: the run date to decide on (default: today). */
    public record ImpactRequest(java.time.LocalDate runDate) {}

    @POST
    @Path("/{draftId}/impact")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.EDITOR, Roles.APPROVER})
    @Operation(
            summary =
                    "Start the impact preview of a draft over all stored customers (read-only, in the background): 202")
    public Response impact(
            @PathParam("name") String name, @PathParam("draftId") String draftId, ImpactRequest request) {
        java.time.LocalDate runDate =
                Optional.ofNullable(request).map(ImpactRequest::runDate).orElseGet(clock::today);
        ImpactReport report = impact.start(name, draftId, runDate);
        return Response.accepted(report)
                .location(
                        URI.create("/decision-models/" + name + "/drafts/" + draftId + "/impact/" + report.impactId()))
                .build();
    }

    @GET
    @Path("/{draftId}/impact/{impactId}")
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    @Operation(
            summary =
                    "An impact preview's progress and numbers: entering, leaving, discount changed, by reason and row")
    public ImpactReport impactReport(
            @PathParam("name") String name,
            @PathParam("draftId") String draftId,
            @PathParam("impactId") String impactId) {
        return impact.find(name, draftId, impactId);
    }

    @POST
    @Path("/{draftId}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Make the draft the live version (approver, not its author; failing cases need a reason)")
    public VersionView publish(
            @PathParam("name") String name, @PathParam("draftId") String draftId, Approval approval) {
        PublishedVersion v = authoring.publish(
                name, draftId, user(), Optional.ofNullable(approval).map(Approval::reason));
        return new VersionView(
                v.seq(),
                v.version(),
                v.author(),
                v.publishedAt(),
                v.origin(),
                v.reason().orElse(null),
                true);
    }

    /**
     * One error of a refused draft: {@code field} names the model element; for a decision-table cell also the
     * decision, the rule row (1-based) and the column, so that the page can point at the cell.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DraftError(String field, String message, String decision, Integer row, String column) {
        static DraftError of(ModelProblem p) {
            Optional<ModelProblem.TableCell> cell = p.cell();
            return new DraftError(
                    p.element() == null ? "" : p.element(),
                    p.message(),
                    cell.map(ModelProblem.TableCell::decision).orElse(null),
                    cell.flatMap(ModelProblem.TableCell::row).orElse(null),
                    cell.flatMap(ModelProblem.TableCell::column).orElse(null));
        }
    }

    /** The problem+json body of a refused draft (contract section 6, with the cell of each error where known). */
    public record DraftProblem(String type, String title, int status, String detail, List<DraftError> errors) {}

    @ServerExceptionMapper
    public Response rejected(DraftRejectedException e) {
        List<DraftError> errors = e.problems().stream()
                .filter(p -> p.severity() == ModelProblem.Severity.ERROR)
                .map(DraftError::of)
                .toList();
        return Response.status(422)
                .type(Problem.MEDIA_TYPE)
                .entity(new DraftProblem("about:blank", "Invalid decision model", 422, e.getMessage(), errors))
                .build();
    }

    /** The problem+json body of a draft the store cannot hold: its size and the limit that applies, in bytes. */
    public record SizeProblem(String type, String title, int status, String detail, long size, long limit) {}

    @ServerExceptionMapper
    public Response tooLarge(DraftTooLargeException e) {
        return Response.status(413)
                .type(Problem.MEDIA_TYPE)
                .entity(new SizeProblem("about:blank", "Too large", 413, e.getMessage(), e.size(), e.limit()))
                .build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    /** The body, or null when it is larger than a model may be. */
    private static byte[] readLimited(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(DecisionModelCompiler.MAX_BYTES + 1);
            return bytes.length > DecisionModelCompiler.MAX_BYTES ? null : bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
