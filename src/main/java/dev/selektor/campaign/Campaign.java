package dev.selektor.campaign;

import java.time.LocalDate;
import java.util.Optional;

/** A discount campaign (contract section 4). Valid by construction: see {@link CampaignParser}. */
public record Campaign(
        String campaignId,
        String name,
        String decisionModel,
        LocalDate startDate,
        LocalDate endDate,
        Optional<Integer> maxCustomers,
        double holdoutPercent) {

    /** A campaign made up for a model alone, as the regression suite and benchmarks use it. */
    public static Campaign forModel(String modelName, double holdoutPercent) {
        return new Campaign(
                modelName, modelName, modelName, LocalDate.MIN, LocalDate.MAX, Optional.empty(), holdoutPercent);
    }
}
