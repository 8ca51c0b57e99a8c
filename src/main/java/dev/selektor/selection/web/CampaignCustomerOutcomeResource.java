package dev.selektor.selection.web;

import dev.selektor.common.NotFoundException;
import dev.selektor.common.Roles;
import dev.selektor.selection.ResultExplanations;
import dev.selektor.selection.SelectionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What checkout should honour after a run: a customer's stored outcome in a campaign. */
@Path("/campaigns/{campaignId}/customers/{customerId}")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignCustomerOutcomeResource {

    @Inject
    SelectionService selections;

    @Inject
    ResultExplanations explanations;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(summary = "The customer's outcome in the campaign's latest completed run")
    public SelectionResultView latest(
            @PathParam("campaignId") String campaignId, @PathParam("customerId") String customerId) {
        return selections
                .latestCompleted(campaignId, customerId)
                .map(explanations::annotated)
                .map(SelectionResultView::of)
                .orElseThrow(() -> new NotFoundException("No completed run of campaign \"" + campaignId
                        + "\" has an outcome for customer \"" + customerId + "\""));
    }
}
