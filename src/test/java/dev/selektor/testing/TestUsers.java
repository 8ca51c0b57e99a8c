package dev.selektor.testing;

import io.restassured.RestAssured;
import io.restassured.authentication.AuthenticationScheme;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The local users of the test profile (application.properties; each one's password is its name): {@code tester}
 * (viewer, editor, service) for ordinary calls, {@code editor}, {@code editor2}, {@code approver}, {@code lead},
 * {@code viewer} and {@code checkout} (service) where a test is about roles. A test names its user with
 * {@link ActingUser}; these methods change it within the test. {@code editor2} logs in only in
 * RememberedPasswordTest, which needs a login that no test made before it (the application remembers logins).
 */
public final class TestUsers {
    private TestUsers() {}

    /** Every later REST Assured call of the test authenticates as this user, unless it says otherwise. */
    public static void actAs(String user) {
        RestAssured.authentication = RestAssured.preemptive().basic(user, user);
    }

    /** The calls in {@code calls} authenticate as this user; afterwards the user before is back. */
    public static <T> T as(String user, Supplier<T> calls) {
        AuthenticationScheme before = RestAssured.authentication;
        actAs(user);
        try {
            return calls.get();
        } finally {
            RestAssured.authentication = before;
        }
    }

    /** REST Assured calls authenticate as nobody again. */
    public static void reset() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    /** The Authorization header value for plain HTTP clients. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
