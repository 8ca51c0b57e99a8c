package dev.selektor.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.InvalidInputException;
import dev.selektor.decision.DecisionModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Defines and finds campaigns; a campaign may only name a loaded model that follows the campaign conventions. */
@ApplicationScoped
public class CampaignService {

    @Inject
    CampaignRepository campaigns;

    @Inject
    DecisionModelRegistry models;

    public Campaign define(String campaignId, JsonNode body) {
        var parsed = CampaignParser.parse(campaignId, body, this::whyNotUsable);
        if (parsed instanceof CampaignParser.Result.Invalid invalid) {
            throw new InvalidInputException(invalid.errors().size() + " field(s) of the campaign are invalid", invalid.errors());
        }
        Campaign campaign = ((CampaignParser.Result.Valid) parsed).campaign();
        campaigns.save(campaign);
        return campaign;
    }

    public Optional<Campaign> find(String campaignId) {
        return campaigns.find(campaignId);
    }

    public List<Campaign> all() {
        return campaigns.findAll();
    }

    private Optional<String> whyNotUsable(String modelName) {
        var model = models.find(modelName);
        if (model.isEmpty()) {
            return Optional.of("there is no decision model \"" + modelName + "\" (known: " + models.all().keySet() + ")");
        }
        if (!model.get().isCampaignModel()) {
            return Optional.of("the model \"" + modelName + "\" cannot drive a campaign: " + model.get().campaignProblems());
        }
        return Optional.empty();
    }
}
