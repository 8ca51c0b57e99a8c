package dev.selektor.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionTestFileTest {
    private static final String HEADER =
            "case,customerId,segment,country,birthDate,memberSince,marketingConsent,fraudFlag,"
                    + "orders12m,revenue12m,returnRate12m,lastOrderDate,categories,runDate,holdoutPercent,"
                    + "expected.outcome,expected.discountPercent,expected.reason,expected.row,otherCampaignsRecently\n";

    @Test
    void readsCasesWithQuotedCellsCommentsAndEmptyValues() {
        var parsed = DecisionTestFile.parse("black-week-tech.csv", HEADER + """
                # a comment line, ignored

                "fan, big spender",C-1,VIP,DE,,2019-03-01,true,false,7,845.50,0.12,,fashion;electronics,2026-11-26,5,SELECTED,15,"Electronics \"\"fan\"\"",2,1
                """);
        assertEquals("black-week-tech", parsed.model());
        assertEquals(java.util.List.of(), parsed.errors());
        var c = parsed.cases().get(0);
        assertEquals("fan, big spender", c.name());
        assertEquals(4, c.line());
        assertEquals(LocalDate.of(2026, 11, 26), c.runDate());
        assertEquals(5.0, c.holdoutPercent());
        assertEquals(new BigDecimal("15"), c.expectedDiscount());
        assertEquals("Electronics \"fan\"", c.expectedReason());
        assertEquals(Optional.of(2), c.expectedRow());
        assertEquals(1, c.otherCampaignsRecently());
        assertTrue(c.facts().get("lastOrderDate") == null, "an empty cell is no value");
        assertEquals(2, c.facts().get("categories").size());
        assertTrue(c.facts().get("marketingConsent").isBoolean());
        assertTrue(c.facts().get("revenue12m").isNumber());
    }

    @Test
    void reportsMissingColumnsAndBadRowsWithTheirLine() {
        var noRunDate = DecisionTestFile.parse("m.csv", "case,customerId\nx,C-1\n");
        assertTrue(
                noRunDate.errors().stream().anyMatch(e -> e.contains("\"runDate\"")),
                noRunDate.errors().toString());
        var badOutcome = DecisionTestFile.parse(
                "m.csv",
                HEADER
                        + "a,C-1,VIP,DE,,2019-03-01,true,false,7,845.50,0.12,,,2026-11-26,,MAYBE,0,x,,\n"
                        + "b,C-1,VIP,DE\n");
        assertTrue(
                badOutcome.errors().stream().anyMatch(e -> e.contains("line 2") && e.contains("MAYBE")),
                badOutcome.errors().toString());
        assertTrue(
                badOutcome.errors().stream().anyMatch(e -> e.contains("line 3") && e.contains("4 cells")),
                badOutcome.errors().toString());
    }
}
