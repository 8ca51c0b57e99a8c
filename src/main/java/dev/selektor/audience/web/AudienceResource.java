package dev.selektor.audience.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.audience.AudienceIndex;
import dev.selektor.audience.AudienceQueryParser;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Audience questions answered from the customer index (contract section 9), and the index's upkeep. */
@Path("/audience")
@Produces(MediaType.APPLICATION_JSON)
public class AudienceResource {

    @Inject
    AudienceIndex index;

    @Inject
    BusinessClock clock;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    @POST
    @Path("/count")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "How many customers meet the filters on a run date, with breakdowns and sample ids",
            description = "Body {runDate, filters: [{fact, in | gte/gt/lte/lt | daysBeforeRunDate | yearsBeforeRunDate"
                    + " | containsAny | containsAll | is}], breakdowns, samples}; 400 naming every bad field; 503 with"
                    + " Retry-After when the index does not answer.")
    public AudienceIndex.Answer count(JsonNode body) {
        return index.count(AudienceQueryParser.parse(body, clock.today()));
    }

    @RolesAllowed({Roles.EDITOR, Roles.APPROVER})
    @POST
    @Path("/index/rebuild")
    @Operation(summary = "Fill a new index from the customers table and switch to it when it is complete")
    public AudienceIndex.Rebuild rebuild() {
        return index.rebuild();
    }

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER})
    @GET
    @Path("/status")
    @Operation(summary = "The index behind the alias, its documents and the last rebuild")
    public AudienceIndex.Status status() {
        return index.status();
    }
}
