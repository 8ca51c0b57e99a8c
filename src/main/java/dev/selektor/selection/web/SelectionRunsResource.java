package dev.selektor.selection.web;

import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.Roles;
import dev.selektor.selection.SelectionRun;
import dev.selektor.selection.SelectionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The run history: across campaigns here, and per campaign at {@code /campaigns/{campaignId}/selections}. */
@Path("/selections")
@Produces(MediaType.APPLICATION_JSON)
public class SelectionRunsResource {
    static final int MAX_LIMIT = 200;

    @Inject
    SelectionService selections;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(summary = "The newest selection runs first, of every campaign (limit 1-200, default 50)")
    public List<SelectionRunView> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return views(selections, Optional.empty(), limit);
    }

    static List<SelectionRunView> views(SelectionService selections, Optional<String> campaignId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException(new FieldError("/limit", "must lie in 1.." + MAX_LIMIT + ", got " + limit));
        }
        Instant now = Instant.now();
        return selections.recent(campaignId, limit).stream()
                .map((SelectionRun run) -> SelectionRunView.of(
                        new SelectionService.RunStatus(run, selections.segments(run.runId()), Optional.empty()), now))
                .toList();
    }
}
