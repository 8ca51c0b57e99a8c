package dev.selektor.testing;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The local users of the test profile (application.properties; each one's password is its name): {@code tester}
 * (viewer, editor, service) for ordinary calls, {@code editor}, {@code editor2}, {@code approver}, {@code viewer}
 * and {@code checkout} (service) where a test is about roles.
 */
public final class TestUsers {
    private TestUsers() {}

    /** Every later REST Assured call of the test authenticates as this user, unless it says otherwise. */
    public static void actAs(String user) {
        RestAssured.authentication = RestAssured.preemptive().basic(user, user);
    }

    /** The Authorization header value for plain HTTP clients. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
