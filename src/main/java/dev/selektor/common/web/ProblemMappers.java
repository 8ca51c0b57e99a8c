package dev.selektor.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.selektor.common.ConflictException;
import dev.selektor.common.FieldError;
import dev.selektor.common.ForbiddenActionException;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json, so clients parse one error shape. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /**
     * The answer this class gives for a failure of a request handled outside the REST layer (the decision
     * endpoint's I/O-thread route), so that it answers as the resource would; empty for failures it does not map
     * (those become a 500, as in the REST layer).
     */
    public Optional<Response> forFailure(Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof InvalidInputException invalid) {
            return Optional.of(invalid(invalid));
        } else if (e instanceof NotFoundException notFound) {
            return Optional.of(notFound(notFound));
        } else if (e instanceof ConflictException conflict) {
            return Optional.of(conflict(conflict));
        } else if (e instanceof StoreUnavailableException unavailable) {
            return Optional.of(storeUnavailable(unavailable));
        } else if (e instanceof ForbiddenActionException forbidden) {
            return Optional.of(forbiddenAction(forbidden));
        } else if (e instanceof JsonProcessingException json) {
            return Optional.of(malformedJson(json));
        } else if (e instanceof WebApplicationException web) {
            return Optional.of(web(web));
        }
        return Optional.empty();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return respond(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        Problem problem = Problem.of(
                401,
                "Not authenticated",
                "This endpoint needs a user: send HTTP Basic credentials (local users) or a bearer token.");
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Basic realm=\"Selektor\"")
                .entity(problem)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "Your roles do not allow this request (roles: viewer reads; editor edits; approver publishes; service decides)."
                : e.getMessage();
        return respond(Problem.of(403, "Forbidden", detail));
    }

    @ServerExceptionMapper
    public Response forbiddenAction(ForbiddenActionException e) {
        return respond(Problem.of(403, "Forbidden", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return respond(Problem.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of(404, "Not found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warn("store unavailable: " + e.getMessage());
        Problem problem = Problem.of(
                503,
                "Store unavailable",
                "The data store does not answer right now; nothing was changed by this request unless stated. Retry shortly.");
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .entity(problem)
                .build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        // The parser's own text ends with a source excerpt marker that means nothing to a caller.
        String reason = String.valueOf(e.getOriginalMessage())
                .replaceAll("(?s)\\s*\\(start marker at.*$", "")
                .strip();
        String detail = "The body is not valid JSON" + where + ": " + reason;
        return respond(Problem.invalid(detail, List.of(new FieldError("", "malformed JSON" + where))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST reports an unreadable body as a plain 400 with the parser's exception as the cause.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage()));
    }
}
