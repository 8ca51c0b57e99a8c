package dev.selektor.campaign;

import java.time.LocalDate;
import java.util.Optional;

/** A discount campaign (contract section 4). */
public record Campaign(
        String campaignId,
        String name,
        String decisionModel,
        Optional<LocalDate> startDate,
        Optional<LocalDate> endDate,
        Optional<Integer> maxCustomers,
        double holdoutPercent) { }
