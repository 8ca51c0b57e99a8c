package dev.selektor.reach;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.testing.Await;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/** Audience questions about a test's own customers, and waiting for the index to show them. */
final class IndexedCustomers {
    private IndexedCustomers() {}

    /** A filter that keeps the test's own customers, as JSON. */
    static String only(Collection<String> ids) {
        return "{\"fact\": \"customerId\", \"in\": ["
                + ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "]}";
    }

    static long count(Collection<String> ids) {
        return count("{\"filters\": [" + only(ids) + "]}");
    }

    /** Every customer in the index. */
    static long countAll() {
        return count("{}");
    }

    /** The count, or -1 while the index is not there yet (503: being built at start-up, or its node restarting). */
    private static long count(String question) {
        var answer = given().contentType(ContentType.JSON)
                .body(question)
                .post("/audience/count")
                .then()
                .extract();
        if (answer.statusCode() == 503) {
            return -1;
        }
        assertEquals(200, answer.statusCode(), answer.asString());
        return answer.jsonPath().getLong("count");
    }

    /** Waits until the index holds exactly {@code expected} of these customers. */
    static void awaitCount(Collection<String> ids, long expected, Duration timeout) throws InterruptedException {
        Await.until(
                "the index holds " + expected + " of the " + ids.size() + " customers",
                () -> count(ids) == expected,
                timeout,
                () -> "it holds " + count(ids));
    }
}
