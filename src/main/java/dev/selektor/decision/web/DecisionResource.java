package dev.selektor.decision.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The decision endpoint in the REST layer. Checkout's usual requests are answered ahead of it by
 * {@link DecisionRoute} with the same logic ({@link DecisionRequests}); this resource answers the rest and
 * documents the endpoint.
 */
@Path("/campaigns/{campaignId}/decisions")
public class DecisionResource {
    @Inject
    DecisionRequests requests;

    // DecisionRoute admits the roles named here.
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Which discount does this customer get in this campaign now, and why",
            description =
                    "Body: {\"customerId\": \"C-1\"} (facts from the store) or {\"customer\": {facts}}, and optionally "
                            + "\"runDate\": \"2026-11-26\" (default: today in selektor.zone).")
    @APIResponse(responseCode = "200", description = "The decision with its explanation")
    @APIResponse(
            responseCode = "400",
            description = "Bad facts or body (application/problem+json, errors name each field)")
    @APIResponse(responseCode = "404", description = "Unknown campaign, or unknown customer when asked by customerId")
    public CompletionStage<DecisionView> decide(@PathParam("campaignId") String campaignId, JsonNode body) {
        return requests.answer(campaignId, body);
    }
}
