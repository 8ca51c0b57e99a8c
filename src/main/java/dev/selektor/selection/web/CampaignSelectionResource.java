package dev.selektor.selection.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.Roles;
import dev.selektor.selection.SelectionRun;
import dev.selektor.selection.SelectionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Starts selection runs of a campaign. */
@Path("/campaigns/{campaignId}/selections")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignSelectionResource {

    public record Started(String runId) {}

    @Inject
    SelectionService selections;

    @Inject
    BusinessClock clock;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(summary = "The campaign's selection runs, newest first (limit 1-200, default 50)")
    public List<SelectionRunView> history(
            @PathParam("campaignId") String campaignId, @QueryParam("limit") @DefaultValue("50") int limit) {
        return SelectionRunsResource.views(selections, Optional.of(campaignId), limit);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a selection run over all stored customers",
            description =
                    "Body {\"runDate\": \"2026-11-26\"} (default: today). 202 with the run id; 409 when the run date lies after the campaign's end date.")
    public Response start(@PathParam("campaignId") String campaignId, JsonNode body) {
        LocalDate runDate = clock.today();
        JsonNode node = body == null ? null : body.get("runDate");
        if (node != null && !node.isNull()) {
            try {
                runDate = LocalDate.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                        new FieldError("/runDate", "must be an ISO date such as 2026-11-26, got " + node));
            }
        }
        SelectionRun run = selections.start(campaignId, runDate);
        return Response.accepted(new Started(run.runId()))
                .location(URI.create("/selections/" + run.runId()))
                .build();
    }
}
