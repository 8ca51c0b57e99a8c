package dev.selektor.decision.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision endpoint's I/O-thread route must answer exactly as the REST resource does, and leave to it every
 * request it does not take. A request sent with {@code Accept: application/json} is taken by the route; the same
 * request with an Accept list goes to the REST layer (the route leaves content negotiation to it), so each case is
 * asked both ways in one running service and the answers compared byte for byte.
 */
@QuarkusTest
@ActingUser("tester")
class DecisionRouteTest {
    private static final String FAN = """
            {"customerId": "C-000123", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
             "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
             "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
             "categories": ["fashion", "electronics"]}
            """;
    private static final String TO_THE_ROUTE = "application/json";
    private static final String TO_THE_REST_LAYER = "application/json, */*;q=0.5";

    @TestHTTPResource("/")
    URL base;

    @Inject
    DecisionRoute route;

    /** HTTP/1.1, as checkout and the benchmark speak it. */
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void defineCampaigns() {
        SampleCampaigns.define();
    }

    private record Case(String campaignId, String body) {}

    private record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String facts(String customer, String runDate) {
        return "{\"customer\": " + customer + ", \"runDate\": \"" + runDate + "\"}";
    }

    @Test
    void answersEveryCaseWithTheRestLayersStatusHeadersAndBytes() throws Exception {
        List<Case> cases = new ArrayList<>();
        // Synthetic customers of every kind the generator makes, in every sample campaign: selected, rejected by
        // a policy or by the table, held out.
        SyntheticCustomers customers = new SyntheticCustomers(7, LocalDate.of(2026, 11, 26));
        for (long i = 0; i < 60; i++) {
            String customer = SyntheticCustomers.toJson(customers.next(i));
            for (String campaign : List.of("black-week-tech", "winback-180", "vip-thank-you")) {
                cases.add(new Case(campaign, facts(customer, "2026-11-26")));
            }
        }
        cases.add(new Case("black-week-tech", facts(FAN, "2026-11-26")));
        cases.add(new Case(
                "black-week-tech",
                facts(FAN.replace("\"marketingConsent\": true", "\"marketingConsent\": false"), "2026-11-26")));
        // An answer many times the usual size (its inputs repeat 3,000 categories), then a usual one again.
        String manyCategories =
                IntStream.range(0, 3000).mapToObj(i -> "\"category-" + i + "\"").collect(Collectors.joining(", "));
        cases.add(new Case(
                "black-week-tech",
                facts(
                        FAN.replace("\"fashion\", \"electronics\"", manyCategories + ", \"electronics\""),
                        "2026-11-26")));
        cases.add(new Case("black-week-tech", facts(FAN, "2026-11-26")));
        // Failures: bad facts, a bad run date, malformed JSON, no body, not an object, both or neither way of
        // naming the customer, an unknown customer (looked up on a worker thread), an unknown campaign.
        cases.add(new Case("black-week-tech", "{\"customer\": {\"customerId\": \"x\"}}"));
        cases.add(new Case("black-week-tech", facts(FAN, "26.11.2026")));
        cases.add(new Case("black-week-tech", "{\"customer\": "));
        cases.add(new Case("black-week-tech", ""));
        cases.add(new Case("black-week-tech", "[1, 2]"));
        cases.add(new Case("black-week-tech", "{\"customer\": " + FAN + ", \"customerId\": \"C-000123\"}"));
        cases.add(new Case("black-week-tech", "{}"));
        cases.add(new Case("black-week-tech", "{\"customerId\": \"" + TestIds.unique("C-NOBODY") + "\"}"));
        // Facts read from the store by customer id, on a worker thread, and the answer written back on the I/O thread.
        String stored = TestIds.unique("C-ROUTE");
        given().contentType("application/json")
                .body(FAN.replace("C-000123", stored))
                .put("/customers/" + stored)
                .then()
                .statusCode(200);
        for (String campaign : List.of("black-week-tech", "winback-180", "vip-thank-you")) {
            cases.add(new Case(campaign, "{\"customerId\": \"" + stored + "\", \"runDate\": \"2026-11-26\"}"));
        }
        cases.add(new Case("no-such-campaign", facts(FAN, "2026-11-26")));

        long before = route.answered();
        List<Integer> statuses = new ArrayList<>();
        int largest = 0;
        for (Case c : cases) {
            Answer byRoute = post(c, TO_THE_ROUTE, "application/json");
            Answer byRestLayer = post(c, TO_THE_REST_LAYER, "application/json");
            statuses.add(byRoute.status());
            largest = Math.max(largest, byRoute.body().length);
            if (c.body().contains(stored)) {
                assertEquals(200, byRoute.status(), byRoute.text());
            }
            assertAll(
                    c.campaignId() + " " + c.body(),
                    () -> assertEquals(byRestLayer.status(), byRoute.status(), byRoute.text()),
                    () -> assertEquals(byRestLayer.contentType(), byRoute.contentType()),
                    () -> assertArrayEquals(
                            byRestLayer.body(),
                            byRoute.body(),
                            () -> "route: " + byRoute.text() + "\nREST layer: " + byRestLayer.text()));
        }
        assertEquals(
                cases.size(), route.answered() - before, "the route answered each case sent to it, and only those");
        // The comparison covered answers and failures of each kind, not one kind many times.
        assertTrue(statuses.contains(200) && statuses.contains(400) && statuses.contains(404), statuses.toString());
        assertTrue(
                largest > 16 * 1024,
                "an answer larger than the route's first scratch array was compared: " + largest + " bytes");
    }

    @Test
    void acceptsJsonWithACharsetAsTheRestLayerDoes() throws Exception {
        Case fan = new Case("black-week-tech", facts(FAN, "2026-11-26"));
        long before = route.answered();
        Answer plain = post(fan, TO_THE_ROUTE, "application/json");
        Answer withCharset = post(fan, TO_THE_ROUTE, "application/json; charset=UTF-8");
        assertEquals(200, withCharset.status());
        assertArrayEquals(plain.body(), withCharset.body());
        assertEquals(2, route.answered() - before);
    }

    @Test
    void leavesEveryOtherRequestToTheRestLayerWhichAnswersAsBefore() throws Exception {
        String fan = facts(FAN, "2026-11-26");
        URI uri = base.toURI().resolve("campaigns/black-week-tech/decisions");
        long before = route.answered();

        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(fan))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(
                "application/problem+json",
                anonymous.headers().firstValue("Content-Type").orElse(""));
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

        String noRole = Jwt.issuer("https://identity.selektor.test")
                .upn("nora")
                .groups(Set.of("marketing"))
                .expiresIn(300)
                .sign();
        HttpResponse<String> forbidden = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + noRole)
                        .POST(HttpRequest.BodyPublishers.ofString(fan))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forbidden.statusCode());
        assertEquals(
                "application/problem+json",
                forbidden.headers().firstValue("Content-Type").orElse(""));

        String service = Jwt.issuer("https://identity.selektor.test")
                .upn("till")
                .groups(Set.of("service"))
                .expiresIn(300)
                .sign();
        HttpResponse<String> byToken = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("Accept", TO_THE_ROUTE)
                        .header("Authorization", "Bearer " + service)
                        .POST(HttpRequest.BodyPublishers.ofString(fan))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, byToken.statusCode(), byToken.body());
        assertEquals(
                1,
                route.answered() - before,
                "a bearer token with an admitted role is the route's; the refused were not");

        Answer text = post(new Case("black-week-tech", fan), TO_THE_ROUTE, "text/plain");
        assertEquals(415, text.status());
        Answer latin1 = post(new Case("black-week-tech", fan), TO_THE_ROUTE, "application/json; charset=ISO-8859-1");
        assertEquals(200, latin1.status(), "answered by the REST layer, which reads any charset");

        // No Content-Length: the REST layer's size filter refuses a chunked body on this endpoint.
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("Accept", TO_THE_ROUTE)
                        .header("Authorization", TestUsers.basic("tester"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(fan.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals(1, route.answered() - before, "none of these went through the route");
    }

    @Test
    void metricsNameTheEndpointByItsTemplateNotByTheCampaign() throws Exception {
        Answer answer = post(new Case("winback-180", facts(FAN, "2026-11-26")), TO_THE_ROUTE, "application/json");
        assertEquals(200, answer.status());
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(base.toURI().resolve("q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("uri=\"/campaigns/{campaignId}/decisions\""), "the template is the URI tag");
        assertFalse(metrics.body().contains("uri=\"/campaigns/winback-180/decisions\""), "no tag per campaign");
    }

    @Test
    void mediaTypesTheRouteTakes() {
        assertTrue(DecisionRoute.isJson("application/json"));
        assertTrue(DecisionRoute.isJson("Application/JSON ; charset=\"utf-8\""));
        assertFalse(DecisionRoute.isJson("application/json; charset=ISO-8859-1"));
        assertFalse(DecisionRoute.isJson("application/jsonx"));
        assertFalse(DecisionRoute.isJson(null));
        assertTrue(DecisionRoute.acceptsJson(null));
        assertTrue(DecisionRoute.acceptsJson("*/*"));
        assertTrue(DecisionRoute.acceptsJson("application/json"));
        assertFalse(DecisionRoute.acceptsJson("text/html"));
        assertFalse(DecisionRoute.acceptsJson(TO_THE_REST_LAYER));
    }

    private Answer post(Case c, String accept, String contentType) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = base.toURI().resolve("campaigns/" + c.campaignId() + "/decisions");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", contentType)
                        .header("Accept", accept)
                        .header("Authorization", TestUsers.basic("tester"))
                        .POST(HttpRequest.BodyPublishers.ofString(c.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}
