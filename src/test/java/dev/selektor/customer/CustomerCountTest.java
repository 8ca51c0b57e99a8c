package dev.selektor.customer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The count of stored customers a run's progress is measured against follows imports, single writes and erasures
 * at once, and counts a customer written again only once.
 */
@QuarkusTest
@ActingUser("editor")
class CustomerCountTest {

    @Inject
    CustomerFactsRepository customers;

    @Test
    void importsWritesAndErasuresKeepTheCountCurrent() {
        String prefix = TestIds.unique("C-COUNT");
        long before = customers.estimatedCount();

        List<String> ids = TestCustomers.importSynthetic(prefix, LocalDate.parse("2026-11-26"), 120);
        assertEquals(before + 120, customers.estimatedCount(), "120 new customers imported");

        TestCustomers.importSynthetic(prefix, LocalDate.parse("2026-11-26"), 130);
        assertEquals(before + 130, customers.estimatedCount(), "the same 120 again and 10 more: 10 new");

        String single = TestCustomers.id(prefix, 999);
        String facts = SyntheticCustomers.toJson(
                TestCustomers.withId(new SyntheticCustomers(5, LocalDate.parse("2026-11-26")).next(1), single));
        given().contentType(ContentType.JSON)
                .body(facts)
                .put("/customers/" + single)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(facts)
                .put("/customers/" + single)
                .then()
                .statusCode(200);
        assertEquals(before + 131, customers.estimatedCount(), "one customer written twice counts once");

        given().delete("/customers/" + ids.get(0)).then().statusCode(204);
        given().delete("/customers/" + ids.get(0)).then().statusCode(404);
        assertEquals(before + 130, customers.estimatedCount(), "an erasure takes one off, once");

        TestCustomers.delete(customers, TestCustomers.importSynthetic(prefix, LocalDate.parse("2026-11-26"), 130));
        customers.delete(single);
        assertEquals(before, customers.estimatedCount(), "the test's customers gone, the count is back");
    }
}
