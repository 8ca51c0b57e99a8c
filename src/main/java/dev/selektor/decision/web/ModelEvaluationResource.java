package dev.selektor.decision.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.Roles;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.ModelEvaluation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Generic evaluation of the live version of any model, campaign or not, with inputs by name. */
@Path("/decision-models/{name}/evaluate")
@Produces(MediaType.APPLICATION_JSON)
public class ModelEvaluationResource {

    @Inject
    DecisionModelRegistry registry;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @Operation(
            summary =
                    "Evaluate the live version of any model with ad-hoc inputs by input name: every decision's "
                            + "result by name (?decision=NAME: that one), plus the engine's messages; 400 naming an input of the wrong type")
    public ModelEvaluation.Answer evaluate(
            @PathParam("name") String name, @QueryParam("decision") String decision, JsonNode inputs) {
        var model = registry.find(name)
                .orElseThrow(() -> new NotFoundException("There is no decision model \"" + name + "\""));
        return ModelEvaluation.evaluate(
                model, inputs, Optional.ofNullable(decision).filter(d -> !d.isBlank()));
    }
}
