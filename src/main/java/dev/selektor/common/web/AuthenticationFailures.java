package dev.selektor.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Wrong credentials are refused by proactive authentication before any resource runs, where the REST layer's
 * mappers never see them; this answers them as every other refusal is answered, in problem+json.
 */
@ApplicationScoped
public class AuthenticationFailures {
    static final String DETAIL = "The credentials were not accepted: check the user name and password (HTTP Basic) or"
            + " send a valid bearer token.";

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (!(context.failure() instanceof AuthenticationFailedException)
                || context.response().ended()) {
            context.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(401, "Not authenticated", DETAIL));
        } catch (JsonProcessingException e) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(401)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Basic realm=\"Selektor\"")
                .end(body);
    }
}
