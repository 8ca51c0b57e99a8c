package dev.selektor.selection.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.Roles;
import dev.selektor.decision.web.DecisionView;
import dev.selektor.selection.ResultExplanations;
import dev.selektor.selection.SelectionRun;
import dev.selektor.selection.SelectionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A run: its progress, its cancellation, its selected customers. */
@Path("/selections/{runId}")
@Produces(MediaType.APPLICATION_JSON)
public class SelectionRunResource {

    public record SelectedCustomer(
            String customerId,
            BigDecimal discountPercent,
            String reason,
            String eventId,
            @JsonInclude(JsonInclude.Include.NON_NULL) DecisionView.ExplanationView explanation) {}

    public record SelectedPage(List<SelectedCustomer> items, String nextCursor) {}

    /** {@code published} counts the events that left the outbox: published, or dropped with an erased customer. */
    public record Delivery(String runId, String status, long selected, long pending, long published) {}

    @Inject
    SelectionService selections;

    @Inject
    ResultExplanations explanations;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(
            summary = "A run's status and counts, with an estimate of the time left",
            description = "While the run's workers wait for the store: waitingForStoreSince, storeRetries and"
                    + " lastStoreError; while the store is down, the instance working on the run answers from what it"
                    + " last saw.")
    public SelectionRunView status(@PathParam("runId") String runId) {
        return SelectionRunView.of(selections.status(runId), Instant.now());
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Path("/delivery")
    @Operation(summary = "Where the run's events are: still in the outbox (pending) or handed over (published)")
    public Delivery delivery(@PathParam("runId") String runId) {
        SelectionRunView view = status(runId);
        long pending = selections.pendingEvents(runId);
        return new Delivery(runId, view.status(), view.selected(), pending, Math.max(0, view.selected() - pending));
    }

    @RolesAllowed(Roles.EDITOR)
    @DELETE
    @Operation(summary = "Cancel a running run; results so far are kept")
    public SelectionRunView cancel(@PathParam("runId") String runId) {
        return justChanged(selections.cancel(runId));
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("/resume")
    @Operation(
            summary = "Resume a FAILED run from its checkpoints",
            description = "The run goes on with the model version it started with; results stored so far are kept"
                    + " and not counted twice. 409 unless the run is FAILED.")
    public SelectionRunView resume(@PathParam("runId") String runId) {
        return justChanged(selections.resume(runId));
    }

    private SelectionRunView justChanged(SelectionRun run) {
        return SelectionRunView.of(
                new SelectionService.RunStatus(run, selections.segments(run.runId()), Optional.empty()), Instant.now());
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Path("/export")
    @Produces({"text/csv", "application/x-ndjson"})
    @Operation(summary = "All selected customers of a run as CSV or NDJSON, streamed (format=csv|ndjson)")
    public jakarta.ws.rs.core.Response export(
            @PathParam("runId") String runId, @QueryParam("format") @DefaultValue("csv") String format) {
        if (!format.equals("csv") && !format.equals("ndjson")) {
            throw new InvalidInputException(new FieldError("/format", "must be csv or ndjson, got " + format));
        }
        SelectionRun run = selections.find(runId);
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            var writer = new java.io.BufferedWriter(
                    new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
            SelectionExport.write(run, selections::selected, format, writer);
            writer.flush();
        };
        return jakarta.ws.rs.core.Response.ok(body, format.equals("csv") ? "text/csv" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"selection-" + runId + "." + format + "\"")
                .build();
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Path("/customers")
    @Operation(summary = "The selected customers of a run, in customer id order, page by page (cursor = nextCursor)")
    public SelectedPage selected(
            @PathParam("runId") String runId,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new InvalidInputException(new FieldError("/limit", "must lie in 1..1000, got " + limit));
        }
        var page = selections.selected(runId, Optional.ofNullable(cursor).filter(c -> !c.isBlank()), limit);
        return new SelectedPage(
                page.results().stream()
                        .map(explanations::annotated)
                        .map(SelectionResultView::of)
                        .map(v -> new SelectedCustomer(
                                v.customerId(), v.discountPercent(), v.reason(), v.eventId(), v.explanation()))
                        .toList(),
                page.lastKey().orElse(null));
    }
}
