package dev.selektor.campaign.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.campaign.Campaign;
import java.time.LocalDate;

/** A campaign as JSON (contract section 4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(
        String campaignId,
        String name,
        String decisionModel,
        LocalDate startDate,
        LocalDate endDate,
        Integer maxCustomers,
        Number holdoutPercent) {

    public static CampaignView of(Campaign c) {
        double h = c.holdoutPercent();
        Number holdout = h == Math.rint(h) ? (Number) (long) h : (Number) h;
        return new CampaignView(
                c.campaignId(),
                c.name(),
                c.decisionModel(),
                c.startDate(),
                c.endDate(),
                c.maxCustomers().orElse(null),
                holdout);
    }
}
