package dev.selektor.regression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of a case file: facts in, expected decision out.
 *
 * @param facts the customer as JSON, exactly as a caller would send it (so the case also checks the facts' validity)
 * @param otherCampaignsRecently how many other campaigns selected the customer in the contact-pressure window
 * @param expectedRow the 1-based Selection row expected to decide, if the case names one
 */
public record DecisionTestCase(
        String file,
        int line,
        String name,
        ObjectNode facts,
        LocalDate runDate,
        double holdoutPercent,
        int otherCampaignsRecently,
        String expectedOutcome,
        BigDecimal expectedDiscount,
        String expectedReason,
        Optional<Integer> expectedRow) {

    public String displayName() {
        return name + " (line " + line + ")";
    }
}
