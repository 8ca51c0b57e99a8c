package dev.selektor.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.storage.dynamo.Tables;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@ActingUser("tester")
class CustomerImportTest {
    /** This test's customer ids start with it. */
    private final String prefix = TestIds.unique("IMP");

    @Inject
    CustomerFactsRepository customers;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    private static String good(String id) {
        return "{\"customerId\": \"" + id
                + "\", \"segment\": \"REGULAR\", \"country\": \"DE\", \"memberSince\": \"2019-03-01\","
                + " \"marketingConsent\": true, \"fraudFlag\": false, \"orders12m\": 7, \"revenue12m\": 845.50,"
                + " \"returnRate12m\": 0.12, \"lastOrderDate\": \"2026-10-30\", \"categories\": [\"fashion\"]}";
    }

    /** One line per kind of contract violation, each with the field the answer must name. */
    private static List<String[]> badLines() {
        String g = good("IMP-BAD");
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {g.replace("\"customerId\": \"IMP-BAD\", ", ""), "/customerId"});
        bad.add(new String[] {g.replace("IMP-BAD", "IMP BAD"), "/customerId"});
        bad.add(new String[] {g.replace("IMP-BAD", "IMP-" + "X".repeat(61)), "/customerId"});
        bad.add(new String[] {g.replace("\"segment\": \"REGULAR\", ", ""), "/segment"});
        bad.add(new String[] {g.replace("\"REGULAR\"", "\"GOLD\""), "/segment"});
        bad.add(new String[] {g.replace("\"REGULAR\"", "3"), "/segment"});
        bad.add(new String[] {g.replace("\"country\": \"DE\", ", ""), "/country"});
        bad.add(new String[] {g.replace("\"DE\"", "\"de\""), "/country"});
        bad.add(new String[] {g.replace("\"DE\"", "\"XX\""), "/country"});
        bad.add(new String[] {
            g.replace("\"memberSince\"", "\"birthDate\": \"1990-13-01\", \"memberSince\""), "/birthDate"
        });
        bad.add(new String[] {
            g.replace("\"memberSince\"", "\"birthDate\": \"2999-01-01\", \"memberSince\""), "/birthDate"
        });
        bad.add(new String[] {g.replace("\"memberSince\": \"2019-03-01\", ", ""), "/memberSince"});
        bad.add(new String[] {g.replace("2019-03-01", "2999-03-01"), "/memberSince"});
        bad.add(new String[] {g.replace("2019-03-01", "01.03.2019"), "/memberSince"});
        bad.add(new String[] {g.replace("\"marketingConsent\": true, ", ""), "/marketingConsent"});
        bad.add(new String[] {
            g.replace("\"marketingConsent\": true", "\"marketingConsent\": \"true\""), "/marketingConsent"
        });
        bad.add(new String[] {g.replace("\"fraudFlag\": false", "\"fraudFlag\": null"), "/fraudFlag"});
        bad.add(new String[] {g.replace("\"fraudFlag\": false", "\"fraudFlag\": 0"), "/fraudFlag"});
        bad.add(new String[] {g.replace("\"orders12m\": 7, ", ""), "/orders12m"});
        bad.add(new String[] {g.replace("\"orders12m\": 7", "\"orders12m\": -1"), "/orders12m"});
        bad.add(new String[] {g.replace("\"orders12m\": 7", "\"orders12m\": 2.5"), "/orders12m"});
        bad.add(new String[] {g.replace("\"orders12m\": 7", "\"orders12m\": \"7\""), "/orders12m"});
        bad.add(new String[] {g.replace("\"revenue12m\": 845.50, ", ""), "/revenue12m"});
        bad.add(new String[] {g.replace("845.50", "-5"), "/revenue12m"});
        bad.add(new String[] {g.replace("845.50", "\"845.50\""), "/revenue12m"});
        bad.add(new String[] {g.replace("0.12", "2"), "/returnRate12m"});
        bad.add(new String[] {g.replace("0.12", "-0.1"), "/returnRate12m"});
        bad.add(new String[] {g.replace("\"returnRate12m\": 0.12, ", ""), "/returnRate12m"});
        bad.add(new String[] {g.replace("2026-10-30", "2999-10-30"), "/lastOrderDate"});
        bad.add(new String[] {g.replace("2026-10-30", "yesterday"), "/lastOrderDate"});
        bad.add(new String[] {g.replace("[\"fashion\"]", "\"fashion\""), "/categories"});
        bad.add(new String[] {g.replace("[\"fashion\"]", "[\"fashion\", 7]"), "/categories/1"});
        bad.add(new String[] {"[1, 2, 3]", ""});
        bad.add(new String[] {"null", ""});
        bad.add(new String[] {"{\"customerId\": \"IMP-BROKEN\", \"segment\": ", ""});
        bad.add(new String[] {"", ""});
        bad.add(new String[] {"   ", ""});
        return bad;
    }

    @Test
    void tenThousandLinesWith37BadOnesStoreExactlyTheGoodOnesAndNameEachBadLine() {
        List<String[]> bad = badLines();
        assertEquals(37, bad.size());
        StringBuilder body = new StringBuilder();
        Map<Integer, String> badFieldByLine = new HashMap<>();
        Set<String> goodIds = new TreeSet<>();
        int badIndex = 0;
        for (int line = 1; line <= 10_000; line++) {
            // Spread the bad lines over the file, including the first and the last line.
            if (badIndex < bad.size() && (line == 1 || line == 10_000 || line % 271 == 0)) {
                body.append(bad.get(badIndex)[0]);
                badFieldByLine.put(line, bad.get(badIndex)[1]);
                badIndex++;
            } else {
                String id = prefix + String.format("-%05d", line);
                goodIds.add(id);
                body.append(good(id));
            }
            body.append('\n');
        }
        assertEquals(37, badIndex, "all bad lines placed");
        try {
            importTenThousandLines(body.toString(), badFieldByLine, goodIds);
        } finally {
            TestCustomers.delete(customers, goodIds);
        }
    }

    private void importTenThousandLines(String body, Map<Integer, String> badFieldByLine, Set<String> goodIds) {
        JsonPath answer = given().contentType("application/x-ndjson")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/customers/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(9_963))
                .body("rejected", equalTo(37))
                .body("truncated", equalTo(false))
                .extract()
                .jsonPath();
        Map<Integer, String> reported = new HashMap<>();
        for (Map<String, Object> error : answer.<Map<String, Object>>getList("errors")) {
            int line = ((Number) error.get("line")).intValue();
            reported.putIfAbsent(line, (String) error.get("field"));
            assertTrue(!((String) error.get("message")).isBlank(), "every error says why: " + error);
        }
        assertEquals(badFieldByLine, reported, "each bad line is named, with the field that broke the contract");
        assertEquals(goodIds, storedIdsStartingWith(prefix + "-"), "exactly the good lines are stored");
        given().get("/customers/" + prefix + "-00002").then().statusCode(200).body("revenue12m", equalTo(845.5f));
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        String body = good(prefix + "-1") + "\n" + good(prefix + "-2") + "\n"
                + good(prefix + "-1").replace("845.50", "10") + "\n";
        given().contentType("application/x-ndjson")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/customers/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(3));
        given().contentType("application/x-ndjson")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/customers/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(3));
        assertEquals(Set.of(prefix + "-1", prefix + "-2"), storedIdsStartingWith(prefix + "-"));
        given().get("/customers/" + prefix + "-1").then().body("revenue12m", equalTo(10)); // the later line wins
    }

    @Test
    void bodiesLargerThanTheHttpDefaultAreStreamedThrough() {
        // About 13 MB: above Quarkus' default 10 MB body limit, which the import must not be bound by.
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 45_000; i++) {
            body.append(
                            i % 1_000 == 0
                                    ? good(prefix + String.format("-%05d", i))
                                    : "{\"pad\": \"" + "x".repeat(250) + "\"}")
                    .append('\n');
        }
        assertTrue(body.length() > 10 * 1024 * 1024);
        given().contentType("application/x-ndjson")
                .body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/customers/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(45))
                .body("rejected", equalTo(44_955));
    }

    @Test
    void otherEndpointsKeepATenMegabyteLimit() {
        byte[] big = ("{\"name\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().contentType("application/json")
                .body(big)
                .when()
                .put("/campaigns/" + TestIds.unique("too-big"))
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void errorsAreCappedAtOneThousandAndMarkedTruncated() {
        String body = "{}\n".repeat(1_001);
        given().contentType("application/x-ndjson")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/customers/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("rejected", equalTo(1_001))
                .body("errors.size()", equalTo(1_000))
                .body("truncated", equalTo(true));
    }

    private Set<String> storedIdsStartingWith(String prefix) {
        Set<String> ids = new TreeSet<>();
        dynamo.scanPaginator(b -> b.tableName(tables.name(Tables.CUSTOMERS))
                        .filterExpression("begins_with(customerId, :p)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix)))
                        .limit(1_000) // small pages keep each call well inside the client's timeout
                        .consistentRead(true))
                .items()
                .forEach(i -> ids.add(i.get("customerId").s()));
        return ids;
    }
}
