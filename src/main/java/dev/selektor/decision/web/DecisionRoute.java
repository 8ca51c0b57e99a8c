package dev.selektor.decision.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.common.SelektorConfig;
import dev.selektor.common.web.ProblemMappers;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The decision endpoint without the REST layer, for the requests checkout sends on every page view: a caller
 * authenticated with a role the endpoint admits, a JSON body of ordinary size, JSON accepted back. For those it
 * reads the body, asks {@link DecisionRequests} as {@link DecisionResource} does and writes what that gives: the
 * decision with {@link DecisionViewWriter}, a failure with the answer of {@link ProblemMappers}. So the logic and the
 * answers are the resource's, while the REST layer's matching, request context, filters and reader are skipped.
 * Any other request (no or wrong credentials, a missing role, other media types, content negotiation,
 * {@code Expect}, a large or chunked body) is left to the REST layer untouched, before its body is read, and
 * answered there as always: a body once read cannot be handed on (the REST layer would find the request ended and
 * read it as empty), so whatever this route takes, it answers itself.
 */
@ApplicationScoped
public class DecisionRoute {
    private static final Logger LOG = Logger.getLogger(DecisionRoute.class);
    static final String PATH = "/campaigns/:campaignId/decisions";
    /** The metrics' URI tag, as the REST layer names this endpoint. */
    private static final String URI_TEMPLATE = "/campaigns/{campaignId}/decisions";
    /** Quarkus' HTTP metrics take the URI tag from this local of the request's context. */
    private static final String URI_TEMPLATE_LOCAL = "UrlPathTemplate";
    /** Larger bodies are not checkout's facts; the REST layer applies the service's own limit to them. */
    static final int MAX_BODY = 64 * 1024;

    private static final String JSON_UTF8 = "application/json;charset=UTF-8";
    /** The roles {@link DecisionResource#decide} admits, read from its annotation so that the two cannot differ. */
    private static final String[] ROLES = rolesOfTheResource();

    private static final ThreadLocal<AnswerBytes> ANSWER_BYTES = ThreadLocal.withInitial(AnswerBytes::new);

    @Inject
    DecisionRequests requests;

    @Inject
    ObjectMapper mapper;

    @Inject
    SelektorConfig config;

    private final ProblemMappers problems = new ProblemMappers();
    private DecisionViewWriter writer;
    private final LongAdder answered = new LongAdder();

    void register(@Observes Router router) {
        if (!config.decision().ioRoute()) {
            return;
        }
        writer = new DecisionViewWriter(mapper);
        // After authentication (Quarkus' security handlers run at negative orders), before the REST layer.
        router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    /** Requests this route has answered itself, for tests and diagnosis. */
    long answered() {
        return answered.sum();
    }

    private void handle(RoutingContext ctx) {
        if (!admitted(ctx)) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        // Quarkus pauses a request while it authenticates the caller; the body flows once this route asks for it.
        request.exceptionHandler(ctx::fail);
        request.bodyHandler(body -> decide(ctx, body));
        request.resume();
    }

    /** Whether the request is one this route answers, judged by its caller and headers alone. */
    private static boolean admitted(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user) || !hasAnyRole(user.getSecurityIdentity())) {
            return false;
        }
        HttpServerRequest request = ctx.request();
        return isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))
                && acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
                && request.getHeader(HttpHeaders.EXPECT) == null
                && hasSmallLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
    }

    private static boolean hasAnyRole(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return false;
        }
        for (String role : ROLES) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private static String[] rolesOfTheResource() {
        try {
            return DecisionResource.class
                    .getMethod("decide", String.class, JsonNode.class)
                    .getAnnotation(RolesAllowed.class)
                    .value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    "DecisionResource.decide(String, JsonNode) is gone; the route must admit its roles", e);
        }
    }

    /** {@code application/json}, with no parameter or a UTF-8 charset (JSON's own encoding). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim();
        if (type.equalsIgnoreCase("application/json")) {
            return true;
        }
        int semicolon = type.indexOf(';');
        if (semicolon < 0 || !type.substring(0, semicolon).trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        String parameter = type.substring(semicolon + 1).replace(" ", "").replace("\"", "");
        return parameter.equalsIgnoreCase("charset=utf-8");
    }

    /** No Accept header, any type, or JSON alone; lists and weights are left to the REST layer's negotiation. */
    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String type = accept.trim();
        return type.equals("*/*") || type.equalsIgnoreCase("application/json");
    }

    private static boolean hasSmallLength(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            long length = Long.parseLong(contentLength.trim());
            return length >= 0 && length <= MAX_BODY;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void decide(RoutingContext ctx, Buffer body) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(URI_TEMPLATE_LOCAL, URI_TEMPLATE);
        }
        CompletionStage<DecisionView> decided;
        try {
            // An empty body reads as "missing", which the resource refuses as it refuses no body.
            JsonNode json = body.length() == 0 ? null : mapper.readTree(body.getBytes());
            decided = requests.answer(ctx.pathParam("campaignId"), json);
        } catch (IOException | RuntimeException e) {
            fail(ctx, e);
            return;
        }
        decided.whenComplete((view, failure) -> {
            // The store path completes on a worker thread; the answer is written on the request's own context.
            if (Vertx.currentContext() == context || context == null) {
                answer(ctx, view, failure);
            } else {
                context.runOnContext(ignored -> answer(ctx, view, failure));
            }
        });
    }

    private void answer(RoutingContext ctx, DecisionView view, Throwable failure) {
        if (failure != null) {
            fail(ctx, failure);
            return;
        }
        AnswerBytes out = ANSWER_BYTES.get();
        out.reset();
        try {
            writer.write(view, out);
        } catch (IOException | RuntimeException e) {
            ctx.fail(e);
            return;
        }
        // Copied out at its exact size: the answer goes on after this method returns, the scratch array stays.
        Buffer answer = Buffer.buffer(out.size()).appendBytes(out.array(), 0, out.size());
        answered.increment();
        // The REST layer's spelling of the header, so that the two answers are the same bytes.
        ctx.response().putHeader("Content-Type", JSON_UTF8).end(answer);
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        Optional<Response> mapped = problems.forFailure(failure);
        if (mapped.isEmpty()) {
            ctx.fail(failure);
            return;
        }
        Response problem = mapped.get();
        byte[] entity;
        try {
            entity = mapper.writeValueAsBytes(problem.getEntity());
        } catch (JsonProcessingException e) {
            LOG.error("could not write a problem answer", e);
            ctx.fail(e);
            return;
        }
        HttpServerResponse response = ctx.response().setStatusCode(problem.getStatus());
        for (Map.Entry<String, List<String>> header : problem.getStringHeaders().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        answered.increment();
        response.end(Buffer.buffer(entity));
    }

    /**
     * The JDK's growable byte array, reused by each thread for the answers it writes. Writing every answer into a
     * fresh buffer of a guessed size was a tenth of the garbage of a decision request (2 KB for an answer of about
     * 700 bytes), and garbage at checkout's rate is how often the collector stops the service. It stays small: an
     * answer repeats at most the facts of a body this route takes (64 KB at most) and a few fields more.
     */
    private static final class AnswerBytes extends ByteArrayOutputStream {
        AnswerBytes() {
            super(4096);
        }

        /** The array the first {@link #size()} bytes of which are those written since the last reset, not a copy. */
        byte[] array() {
            return buf;
        }
    }
}
