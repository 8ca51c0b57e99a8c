package dev.selektor.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The HTTP layer's body limit is lifted so that {@code POST /customers/import} can stream files of any size; every
 * other endpoint parses its body in memory, so it keeps a 10 MB limit, answered with 413 problem+json.
 */
@Provider
@PreMatching
public class RequestSizeFilter implements ContainerRequestFilter {
    static final long LIMIT = 10L * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().endsWith("/customers/import")) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean tooLong;
        try {
            tooLong = length != null && Long.parseLong(length.trim()) > LIMIT;
        } catch (NumberFormatException e) {
            tooLong = false;
        }
        // A body without a length (chunked) is only allowed where it is streamed.
        boolean chunked = length == null && "chunked".equalsIgnoreCase(request.getHeaderString("Transfer-Encoding"));
        if (tooLong || chunked) {
            request.abortWith(ProblemMappers.respond(Problem.of(
                    413,
                    "Payload too large",
                    "Bodies of this endpoint are limited to " + LIMIT / (1024 * 1024) + " MB with a Content-Length")));
        }
    }
}
