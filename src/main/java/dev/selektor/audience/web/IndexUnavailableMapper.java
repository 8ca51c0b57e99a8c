package dev.selektor.audience.web;

import dev.selektor.audience.AudienceIndex;
import dev.selektor.common.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Any endpoint that asks the customer index (audience counts, a table's reach) answers 503 while it is down. */
public class IndexUnavailableMapper {

    @ServerExceptionMapper
    public Response unavailable(AudienceIndex.Unavailable e) {
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .entity(Problem.of(503, "Customer index unavailable", e.getMessage()))
                .build();
    }
}
