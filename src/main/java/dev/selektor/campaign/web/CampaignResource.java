package dev.selektor.campaign.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.campaign.CampaignService;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    @Inject
    CampaignService campaigns;

    @RolesAllowed(Roles.EDITOR)
    @PUT
    @Path("/{campaignId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or replace a campaign definition",
            description =
                    "decisionModel must name a loaded campaign model; endDate >= startDate; holdoutPercent 0..100; maxCustomers > 0.")
    public CampaignView put(@PathParam("campaignId") String campaignId, JsonNode body) {
        return CampaignView.of(campaigns.define(campaignId, body));
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Path("/{campaignId}")
    @Operation(summary = "Read a campaign definition")
    public CampaignView get(@PathParam("campaignId") String campaignId) {
        return campaigns
                .find(campaignId)
                .map(CampaignView::of)
                .orElseThrow(() -> new NotFoundException("There is no campaign \"" + campaignId + "\""));
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(summary = "All campaigns, ordered by id")
    public List<CampaignView> list() {
        return campaigns.all().stream().map(CampaignView::of).toList();
    }
}
