package dev.selektor.authoring.web;

import dev.selektor.common.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the caller is, so that the editor page shows each user only what their roles allow. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserResource {

    @Inject
    SecurityIdentity identity;

    public record Me(String user, List<String> roles) {}

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @Operation(summary = "The authenticated user and their roles")
    public Me me() {
        return new Me(
                identity.getPrincipal().getName(),
                identity.getRoles().stream().sorted().toList());
    }
}
