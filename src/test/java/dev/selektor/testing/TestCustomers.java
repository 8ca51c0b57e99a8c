package dev.selektor.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.customer.SyntheticCustomers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Synthetic customers stored through the import endpoint, as an operator would load them, under ids of the
 * test's own ({@code prefix} and nine digits, see {@link TestIds}).
 */
public final class TestCustomers {
    /** How many customers the selection tests run over. */
    public static final int SELECTION_CUSTOMERS = 5_000;

    private TestCustomers() {}

    /** The {@value #SELECTION_CUSTOMERS} customers a selection test runs over (seed 11, facts as of {@code today}); importing them again changes nothing. */
    public static List<String> importSelectionCustomers(String prefix, LocalDate today) {
        return importSynthetic(prefix, today, SELECTION_CUSTOMERS);
    }

    /** Customers 1 up to {@code count} from seed 11, their ids {@code prefix} and nine digits; returns their ids. */
    public static List<String> importSynthetic(String prefix, LocalDate today, int count) {
        return importSynthetic(prefix, today, 1, count);
    }

    /** Customers {@code first} up to {@code first + count - 1} from seed 11, as {@link #importSynthetic(String, LocalDate, int)}. */
    public static List<String> importSynthetic(String prefix, LocalDate today, int first, int count) {
        StringBuilder ndjson = new StringBuilder();
        List<String> ids = new ArrayList<>(count);
        SyntheticCustomers generator = new SyntheticCustomers(11, today);
        for (int i = first; i < first + count; i++) {
            CustomerFacts facts = withId(generator.next(i), id(prefix, i));
            ids.add(facts.customerId());
            ndjson.append(SyntheticCustomers.toJson(facts)).append('\n');
        }
        byte[] body = ndjson.toString().getBytes(StandardCharsets.UTF_8);
        // A 503 means the store did not answer in time; the import is an upsert, so it is sent again, as its answer
        // says.
        for (int attempt = 1; ; attempt++) {
            var answer = given().contentType("application/x-ndjson")
                    .body(body)
                    .post("/customers/import")
                    .then()
                    .extract();
            if (answer.statusCode() == 503 && attempt < 3) {
                continue;
            }
            assertEquals(200, answer.statusCode(), answer.asString());
            assertEquals(count, answer.jsonPath().getInt("imported"), answer.asString());
            break;
        }
        return ids;
    }

    /**
     * As {@link #importSynthetic(String, LocalDate, int)}, in requests of 2,500 customers, each well within the
     * client's timeout on a busy machine.
     */
    public static List<String> importSyntheticInParts(String prefix, LocalDate today, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int first = 1; first <= count; first += 2_500) {
            ids.addAll(importSynthetic(prefix, today, first, Math.min(2_500, count - first + 1)));
        }
        return ids;
    }

    /** The id of the customer with this sequence number. */
    public static String id(String prefix, long sequence) {
        return String.format("%s-%09d", prefix, sequence);
    }

    /** The same facts under another id. */
    public static CustomerFacts withId(CustomerFacts facts, String customerId) {
        return new CustomerFacts(
                customerId,
                facts.segment(),
                facts.country(),
                facts.birthDate(),
                facts.memberSince(),
                facts.marketingConsent(),
                facts.fraudFlag(),
                facts.orders12m(),
                facts.revenue12m(),
                facts.returnRate12m(),
                facts.lastOrderDate(),
                facts.categories());
    }

    /**
     * Removes a test's customers once it is done with them: selection runs and impact previews go over every stored
     * customer, and need not go over those of tests that have finished.
     */
    public static void delete(CustomerFactsRepository customers, Collection<String> ids) {
        ids.forEach(customers::delete);
    }
}
