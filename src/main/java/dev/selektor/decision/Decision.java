package dev.selektor.decision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** One campaign's decision for one customer on one run date, with the model version that made it. */
public record Decision(
        String campaignId,
        String customerId,
        Outcome outcome,
        String modelVersion,
        LocalDate runDate,
        Explanation explanation,
        Optional<BigDecimal> priority) {}
