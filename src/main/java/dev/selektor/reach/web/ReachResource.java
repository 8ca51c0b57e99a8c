package dev.selektor.reach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.audience.AudienceQuery;
import dev.selektor.audience.AudienceQueryParser;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.Roles;
import dev.selektor.common.web.Problem;
import dev.selektor.reach.Reach;
import dev.selektor.reach.TableReach;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A table's reach per rule row, for the live version and for a draft (contract section 9). */
@Path("/decision-models/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReachResource {
    private static final String DESCRIPTION = "Body {runDate (default today), campaignId (optional: its holdout, which"
            + " must decide with this model), filters (optional: audience filters as for /audience/count, to count"
            + " within)}. Per rule row of Selection, the customers that row decides under the hit policy, consent"
            + " and fraud applied first; totals by discount and reason; holdout as an expectation; contact pressure"
            + " not estimated. Rows whose cells the index cannot express say why (exact: false). 422 when the"
            + " index cannot count the table at all (use the impact preview); 503 with Retry-After when the index"
            + " does not answer.";

    @Inject
    TableReach reach;

    @Inject
    BusinessClock clock;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    @POST
    @Path("/reach")
    @Operation(
            summary = "How many customers each row of the live table decides on a run date",
            description = DESCRIPTION)
    public Reach live(@PathParam("name") String name, JsonNode body) {
        return reach.ofLive(name, question(body));
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    @POST
    @Path("/drafts/{draftId}/reach")
    @Operation(
            summary = "How many customers each row of a draft's table would decide on a run date",
            description = DESCRIPTION)
    public Reach draft(@PathParam("name") String name, @PathParam("draftId") String draftId, JsonNode body) {
        return reach.ofDraft(name, draftId, question(body));
    }

    private TableReach.Question question(JsonNode body) {
        AudienceQuery audience = AudienceQueryParser.parse(body, clock.today());
        JsonNode campaign = body == null ? null : body.get("campaignId");
        if (campaign != null && !campaign.isNull() && !campaign.isTextual()) {
            throw new InvalidInputException(new FieldError("/campaignId", "must be a campaign id, got " + campaign));
        }
        Optional<String> campaignId =
                campaign == null || campaign.isNull() ? Optional.empty() : Optional.of(campaign.asText());
        return new TableReach.Question(audience.runDate(), campaignId, audience.filters());
    }

    @ServerExceptionMapper
    public Response notAnswerable(TableReach.NotAnswerable e) {
        return Response.status(422)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(422, "Reach not countable in the index", e.getMessage()))
                .build();
    }
}
