package dev.selektor.outbox.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.Roles;
import dev.selektor.outbox.OutboxRelay;
import dev.selektor.outbox.OutboxRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxRelay relay;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutboxView(
            long pendingEvents,
            boolean relayRunning,
            long publishedSinceStart,
            Instant lastPublishedAt,
            Instant failingSince,
            String lastError) {}

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @GET
    @Operation(summary = "Events waiting to be published, and what the relay of this instance is doing")
    public OutboxView status() {
        OutboxRelay.Status status = relay.status();
        return new OutboxView(
                outbox.countPending(),
                status.running(),
                status.publishedSinceStart(),
                status.lastPublishedAt().orElse(null),
                status.failing().map(BackgroundLoop.Failure::since).orElse(null),
                status.failing().map(BackgroundLoop.Failure::error).orElse(null));
    }
}
