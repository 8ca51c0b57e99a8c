package dev.selektor.selection.web;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A customer's stored outcomes across runs. */
@Path("/customers/{customerId}/selections")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerSelectionsResource {

    @Inject
    SelectionService selections;

    @Inject
    ResultExplanations explanations;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(summary = "Every stored outcome of one customer, newest run date first")
    public List<SelectionResultView> ofCustomer(@PathParam("customerId") String customerId) {
        return selections.ofCustomer(customerId).stream()
                .map(explanations::annotated)
                .map(SelectionResultView::of)
                .toList();
    }
}
