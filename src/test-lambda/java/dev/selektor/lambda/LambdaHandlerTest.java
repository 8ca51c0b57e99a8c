package dev.selektor.lambda;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.ExtendDbTestResource;
import dev.selektor.testing.PackagedService;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestUsers;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function as API Gateway calls it: an HTTP API (payload 2.0) event for a decision, handed to Quarkus' Lambda
 * handler, answers exactly what the service's HTTP endpoint answers for the same request. Runs with -Plambda, after
 * the service itself was packaged (the comparison starts it).
 */
@QuarkusTest
class LambdaHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = """
            {"customer": {"customerId": "C-LAMBDA-1", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
             "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
             "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
             "categories": ["fashion", "electronics"]}, "runDate": "2026-11-26"}
            """;

    private static APIGatewayV2HTTPEvent event(String method, String path, String body, String user) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(path);
        event.setRawQueryString("");
        // As API Gateway sends them: lower-case names, the body's length included.
        event.setHeaders(Map.of(
                "content-type",
                "application/json",
                "accept",
                "application/json",
                "content-length",
                Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                "authorization",
                TestUsers.basic(user)));
        event.setBody(body);
        event.setIsBase64Encoded(false);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("203.0.113.7");
        context.setHttp(http);
        context.setStage("$default");
        context.setRequestId("test-request");
        event.setRequestContext(context);
        return event;
    }

    private static String viaService(String body) throws Exception {
        Map<String, String> settings =
                new HashMap<>(ExtendDbTestResource.server().clientSettings());
        settings.put("selektor.dynamodb.table-prefix", "selektor-test-");
        settings.put("selektor.outbox.relay-enabled", "false");
        try (PackagedService service =
                PackagedService.start("service", settings, Files.createTempFile("selektor-service-", ".log"))) {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(service.base().resolve("/campaigns/black-week-tech/decisions"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", TestUsers.basic("checkout"))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            return answer.body();
        }
    }

    @Test
    @ActingUser("tester")
    void aDecisionThroughAnApiGatewayEventEqualsTheHttpAnswer() throws Exception {
        SampleCampaigns.define();
        APIGatewayV2HTTPResponse response = new LambdaHttpHandler()
                .handleRequest(event("POST", "/campaigns/black-week-tech/decisions", DECISION, "checkout"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(
                response.getHeaders().get("Content-Type").startsWith("application/json"),
                response.getHeaders().toString());
        JsonNode viaLambda = JSON.readTree(response.getBody());

        // The same request to the service's HTTP endpoint: the packaged service (./mvnw package) on the same tables.
        assertEquals(JSON.readTree(viaService(DECISION)), viaLambda);
        // And as API Gateway builds the event from a plain HTTP request (Quarkus' local Lambda event server).
        String viaGateway = given().contentType(ContentType.JSON)
                .body(DECISION)
                .post("/campaigns/black-week-tech/decisions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(JSON.readTree(viaGateway), viaLambda);
        assertEquals("SELECTED", viaLambda.path("outcome").asText());
        assertEquals(15, viaLambda.path("discountPercent").asInt());

        APIGatewayV2HTTPResponse unauthenticated = new LambdaHttpHandler()
                .handleRequest(event("POST", "/campaigns/black-week-tech/decisions", DECISION, "nobody"), null);
        assertEquals(401, unauthenticated.getStatusCode());
    }
}
