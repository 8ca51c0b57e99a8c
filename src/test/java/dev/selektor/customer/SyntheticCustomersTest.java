package dev.selektor.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SyntheticCustomersTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void everyGeneratedLineIsValidAndTheMixIsRealistic() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SyntheticCustomers generator = new SyntheticCustomers(7, TODAY);
        int n = 20_000;
        int noConsent = 0;
        int fraud = 0;
        int neverOrdered = 0;
        int vip = 0;
        for (int i = 1; i <= n; i++) {
            String line = SyntheticCustomers.toJson(generator.next(i));
            var parsed = CustomerFactsParser.parse(json.readTree(line), TODAY);
            var facts = assertInstanceOf(CustomerFactsParser.Result.Valid.class, parsed, line)
                    .facts();
            noConsent += facts.marketingConsent() ? 0 : 1;
            fraud += facts.fraudFlag() ? 1 : 0;
            neverOrdered += facts.lastOrderDate().isEmpty() ? 1 : 0;
            vip += facts.segment() == Segment.VIP ? 1 : 0;
        }
        assertTrue(noConsent > n * 0.06 && noConsent < n * 0.10, "about 8 % without consent: " + noConsent);
        assertTrue(fraud > 0 && fraud < n * 0.01, "under 1 % fraud-flagged: " + fraud);
        assertTrue(neverOrdered > 0, "some never ordered");
        assertTrue(vip > n * 0.05 && vip < n * 0.11, "VIPs are few: " + vip);
    }

    @Test
    void theSameSeedGivesTheSameCustomers() {
        var a = new SyntheticCustomers(42, TODAY);
        var b = new SyntheticCustomers(42, TODAY);
        for (int i = 1; i <= 100; i++) {
            assertEquals(a.next(i), b.next(i));
        }
    }
}
