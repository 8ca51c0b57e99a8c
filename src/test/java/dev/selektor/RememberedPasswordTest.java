package dev.selektor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.selektor.common.RememberedPasswordIdentityProvider;
import dev.selektor.testing.TestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Basic logins are verified by the properties realm once and then remembered (no worker thread per request): a
 * remembered login must still be exactly as strict as the realm, with each user's own roles. The application keeps
 * what it remembered for all tests: this test's first login is editor2's, which logs in nowhere else, and its tests
 * run in a fixed order so that the first login comes first.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RememberedPasswordTest {
    private static final String CAMPAIGN = """
            {"name": "Login test", "decisionModel": "winback-180", "startDate": "2026-11-01", "endDate": "2026-11-30"}
            """;

    @Inject
    RememberedPasswordIdentityProvider provider;

    /** What the HTTP authentication asks: it decides which of the providers answers a login. */
    @Inject
    IdentityProviderManager identities;

    /** Runs the realm's blocking work on the calling thread and counts how often it was asked to. */
    private static final class CountingContext implements AuthenticationRequestContext {
        final AtomicInteger blocking = new AtomicInteger();

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            blocking.incrementAndGet();
            return Uni.createFrom().item(function);
        }
    }

    private static UsernamePasswordAuthenticationRequest login(String user, String password) {
        return new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
    }

    @Test
    @Order(1)
    void aVerifiedLoginIsAnsweredWithoutTheRealmsBlockingWorkTheNextTime() {
        var context = new CountingContext();
        SecurityIdentity first = provider.authenticate(login("editor2", "editor2"), context)
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals("editor2", first.getPrincipal().getName());
        assertEquals(Set.of("editor", "viewer"), first.getRoles());
        int afterFirst = context.blocking.get();
        assertEquals(1, afterFirst, "the first login is verified by the realm, as blocking work");

        SecurityIdentity again = provider.authenticate(login("editor2", "editor2"), context)
                .await()
                .atMost(Duration.ofSeconds(10));

        assertEquals("editor2", again.getPrincipal().getName());
        assertEquals(Set.of("editor", "viewer"), again.getRoles());
        assertEquals(afterFirst, context.blocking.get(), "blocking verifications after the second login");
    }

    /**
     * The remembering only helps if it is asked before the realm: a remembered login is answered with the very
     * identity of its first verification, where the realm builds a new one for every request.
     */
    @Test
    @Order(2)
    void theLoginsOfHttpRequestsAreAnsweredByTheRememberedOnesBeforeTheRealm() {
        SecurityIdentity first =
                identities.authenticate(login("checkout", "checkout")).await().atMost(Duration.ofSeconds(10));
        SecurityIdentity again =
                identities.authenticate(login("checkout", "checkout")).await().atMost(Duration.ofSeconds(10));

        assertEquals(Set.of("service"), again.getRoles());
        assertSame(first, again, "the second login was verified again instead of being remembered");
    }

    @Test
    @Order(3)
    void aWrongPasswordIsRefusedEvenAfterTheRightOneWasRemembered() {
        var context = new CountingContext();
        provider.authenticate(login("editor2", "editor2"), context).await().atMost(Duration.ofSeconds(10));

        assertThrows(
                AuthenticationFailedException.class,
                () -> provider.authenticate(login("editor2", "editor"), context)
                        .await()
                        .atMost(Duration.ofSeconds(10)));
        // The same characters split differently between user name and password are another login.
        assertThrows(
                AuthenticationFailedException.class,
                () -> provider.authenticate(login("editor", "2editor2"), context)
                        .await()
                        .atMost(Duration.ofSeconds(10)));
    }

    @Test
    @Order(4)
    void overHttpEachRememberedUserKeepsItsOwnRoles() {
        String campaign = "/campaigns/" + TestIds.unique("login-test");
        for (int i = 0; i < 3; i++) {
            given().auth()
                    .preemptive()
                    .basic("viewer", "viewer")
                    .get("/campaigns")
                    .then()
                    .statusCode(200);
            given().auth()
                    .preemptive()
                    .basic("viewer", "viewer")
                    .contentType(ContentType.JSON)
                    .body(CAMPAIGN)
                    .put(campaign)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            given().auth()
                    .preemptive()
                    .basic("editor", "editor")
                    .contentType(ContentType.JSON)
                    .body(CAMPAIGN)
                    .put(campaign)
                    .then()
                    .statusCode(200);
            given().auth()
                    .preemptive()
                    .basic("editor", "editor")
                    .get("/me")
                    .then()
                    .statusCode(200)
                    .body("user", Matchers.equalTo("editor"));
            given().auth()
                    .preemptive()
                    .basic("editor", "viewer")
                    .get("/campaigns")
                    .then()
                    .statusCode(401);
        }
    }
}
