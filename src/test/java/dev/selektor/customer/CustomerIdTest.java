package dev.selektor.customer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The contract's customer id: 1-64 characters of A-Z a-z 0-9 _ - (checked on every decision with facts). */
class CustomerIdTest {

    @Test
    void theContractsCharactersAndLengthsAreIds() {
        assertTrue(CustomerFactsParser.isCustomerId("C"));
        assertTrue(CustomerFactsParser.isCustomerId("C-000123"));
        assertTrue(CustomerFactsParser.isCustomerId("az_AZ-09"));
        assertTrue(CustomerFactsParser.isCustomerId("x".repeat(64)));
    }

    @Test
    void anythingElseIsNot() {
        assertFalse(CustomerFactsParser.isCustomerId(""));
        assertFalse(CustomerFactsParser.isCustomerId("x".repeat(65)));
        for (String bad : new String[] {"C 1", "C.1", "C/1", "Cä", "C\n", "C@1", "C+1", "[C]", "C`", "C{", "C:1"}) {
            assertFalse(CustomerFactsParser.isCustomerId(bad), bad);
        }
    }
}
