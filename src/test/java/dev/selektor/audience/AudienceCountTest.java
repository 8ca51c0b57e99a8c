package dev.selektor.audience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.customer.Segment;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.JsonApi;
import dev.selektor.testing.OpenSearchTestResource;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import dev.selektor.testing.TestUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audience questions against a real OpenSearch node, filled from the customers table by a rebuild: every count,
 * breakdown and sample equals what the same conditions, written in plain Java, find in the table itself.
 */
@QuarkusTest
@QuarkusTestResource(value = OpenSearchTestResource.class, restrictToAnnotatedClass = true)
@ActingUser("editor")
class AudienceCountTest {
    private static final LocalDate RUN_DATE = LocalDate.parse("2026-11-26");

    @Inject
    CustomerFactsRepository customers;

    private List<String> imported = List.of();

    @BeforeEach
    void customersInTheIndex() {
        imported = TestCustomers.importSynthetic(TestIds.unique("C-AUD"), RUN_DATE, 2_000);
        given().post("/audience/index/rebuild").then().statusCode(200).body("documents", equalTo((int)
                customers.count()));
    }

    @AfterEach
    void deleteCustomers() {
        TestCustomers.delete(customers, imported);
    }

    private List<CustomerFacts> table() {
        List<CustomerFacts> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            CustomerFactsRepository.Page page = customers.scanSegment(0, 1, after, 1_000);
            all.addAll(page.customers());
            after = page.lastKey();
        } while (after.isPresent());
        return all;
    }

    private static JsonPath ask(String question) {
        return JsonApi.post("/audience/count", question);
    }

    @Test
    void theContractsQuestionCountsWhatTheTableHolds() {
        JsonPath answer = ask("""
                {"runDate": "2026-11-26",
                 "filters": [{"fact": "segment", "in": ["VIP", "REGULAR"]},
                             {"fact": "revenue12m", "gte": 500, "lt": 2000},
                             {"fact": "categories", "containsAny": ["electronics", "audio"]},
                             {"fact": "lastOrderDate", "daysBeforeRunDate": {"lte": 365}},
                             {"fact": "marketingConsent", "is": true}],
                 "breakdowns": ["segment", "country"], "samples": 5}
                """);
        Predicate<CustomerFacts> question = c -> (c.segment() == Segment.VIP || c.segment() == Segment.REGULAR)
                && c.revenue12m().compareTo(new BigDecimal("500")) >= 0
                && c.revenue12m().compareTo(new BigDecimal("2000")) < 0
                && (c.categories().contains("electronics") || c.categories().contains("audio"))
                && c.lastOrderDate()
                        .map(d -> RunDateWindows.days(d, RUN_DATE) <= 365)
                        .orElse(false)
                && c.marketingConsent();
        List<CustomerFacts> truth = table().stream().filter(question).toList();
        assertEquals(truth.size(), answer.getLong("count"), answer.prettify());
        assertEquals(
                countBy(truth, c -> c.segment().name()),
                new TreeMap<>(answer.getMap("breakdowns.segment", String.class, Long.class)));
        assertEquals(
                countBy(truth, CustomerFacts::country),
                new TreeMap<>(answer.getMap("breakdowns.country", String.class, Long.class)));
        assertEquals(
                truth.stream().map(CustomerFacts::customerId).sorted().limit(5).toList(),
                answer.getList("samples"),
                "the first sample ids in id order");
    }

    @Test
    void fullYearsAndAllOfSeveralCategoriesCountAsADecisionTableCountsThem() {
        JsonPath answer = ask("""
                {"runDate": "2026-11-26",
                 "filters": [{"fact": "memberSince", "yearsBeforeRunDate": {"gte": 3}},
                             {"fact": "categories", "containsAll": ["fashion", "electronics"]},
                             {"fact": "fraudFlag", "is": false}],
                 "breakdowns": ["revenueBand"]}
                """);
        List<CustomerFacts> truth = table().stream()
                .filter(c -> RunDateWindows.years(c.memberSince(), RUN_DATE) >= 3)
                .filter(c -> c.categories().containsAll(List.of("fashion", "electronics")))
                .filter(c -> !c.fraudFlag())
                .toList();
        assertEquals(truth.size(), answer.getLong("count"), answer.prettify());
        Map<String, Long> bands = answer.getMap("breakdowns.revenueBand", String.class, Long.class);
        assertEquals(
                truth.size(), bands.values().stream().mapToLong(Long::longValue).sum(), "every customer in a band");
        long under100 = truth.stream()
                .filter(c -> c.revenue12m().compareTo(new BigDecimal("100")) < 0)
                .count();
        assertEquals(under100, bands.get("0.0-100.0"), bands.toString());
    }

    @Test
    void aBadQuestionIsRefusedNamingTheFieldAndACallingSystemMayNotAsk() {
        given().contentType(ContentType.JSON)
                .body("{\"filters\": [{\"fact\": \"shoeSize\", \"in\": [42]}]}")
                .post("/audience/count")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("/filters/0/fact"));
        TestUsers.as(
                "checkout",
                () -> given().contentType(ContentType.JSON)
                        .body("{}")
                        .post("/audience/count")
                        .then()
                        .statusCode(403));
        TestUsers.as(
                "viewer", () -> given().post("/audience/index/rebuild").then().statusCode(403));
    }

    private static Map<String, Long> countBy(
            List<CustomerFacts> customers, java.util.function.Function<CustomerFacts, String> key) {
        return customers.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
