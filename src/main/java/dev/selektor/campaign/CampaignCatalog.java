package dev.selektor.campaign;

import dev.selektor.common.SelektorConfig;
import dev.selektor.decision.DecisionModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Finds campaigns. Until campaigns are stored, every campaign model in {@code dmn/} is a campaign of the same
 * name, with its settings ({@code holdoutPercent}) from {@code selektor.campaigns."<id>".*}.
 */
@ApplicationScoped
public class CampaignCatalog {

    @Inject
    DecisionModelRegistry models;

    @Inject
    SelektorConfig config;

    public Optional<Campaign> find(String campaignId) {
        return models.find(campaignId)
                .filter(m -> m.isCampaignModel())
                .map(m -> {
                    var settings = config.campaigns().get(campaignId);
                    double holdout = settings == null ? 0 : settings.holdoutPercent().orElse(0.0);
                    return new Campaign(campaignId, campaignId, m.name(), Optional.empty(), Optional.empty(),
                            Optional.empty(), holdout);
                });
    }
}
