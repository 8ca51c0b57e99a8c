package dev.selektor.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Synthetic customers stored through the import endpoint, as an operator would load them. */
public final class TestCustomers {
    private TestCustomers() {}

    /**
     * The 5,000 customers C-000000001..C-000005000 the selection tests share (seed 11, facts as of {@code today});
     * importing them again changes nothing.
     */
    public static void importSelectionCustomers(LocalDate today) {
        importSynthetic(today, 5_000);
    }

    /** C-000000001 up to {@code count} from seed 11: the first 5,000 are the selection tests' customers. */
    public static void importSynthetic(LocalDate today, int count) {
        StringBuilder ndjson = new StringBuilder();
        SyntheticCustomers generator = new SyntheticCustomers(11, today);
        for (int i = 1; i <= count; i++) {
            ndjson.append(SyntheticCustomers.toJson(generator.next(i))).append('\n');
        }
        given().contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(StandardCharsets.UTF_8))
                .post("/customers/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(count));
    }
}
