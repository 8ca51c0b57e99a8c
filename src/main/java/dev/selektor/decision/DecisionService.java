package dev.selektor.decision;

import dev.selektor.campaign.Campaign;
import dev.selektor.campaign.CampaignService;
import dev.selektor.common.ConflictException;
import dev.selektor.common.NotFoundException;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.policy.ContactPressureSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Optional;

/** The application service behind the decision endpoint: finds the campaign and its live model, then decides. */
@ApplicationScoped
public class DecisionService {

    @Inject
    CampaignService campaigns;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    ContactPressureSource contactPressure;

    public Campaign campaign(String campaignId) {
        return campaigns
                .findRecent(campaignId)
                .orElseThrow(() -> new NotFoundException("There is no campaign \"" + campaignId + "\""));
    }

    /** The campaign if it was read within {@code selektor.campaigns.cache-ttl}; empty means: ask the store. */
    public Optional<Campaign> recentCampaign(String campaignId) {
        return campaigns.recentInMemory(campaignId);
    }

    /** The decision when it needs nothing from the store (no contact history to look up); empty otherwise. */
    public Optional<Decision> decideWithoutStore(Campaign campaign, CustomerFacts facts, LocalDate runDate) {
        return contactPressure
                .withoutQuery(facts.customerId(), campaign.campaignId(), runDate)
                .map(pressure -> new CampaignDecider(registry.policies())
                        .decide(campaign, liveModel(campaign), facts, runDate, pressure));
    }

    public Decision decide(Campaign campaign, CustomerFacts facts, LocalDate runDate) {
        return new CampaignDecider(registry.policies())
                .decide(
                        campaign,
                        liveModel(campaign),
                        facts,
                        runDate,
                        contactPressure.forCustomer(facts.customerId(), campaign.campaignId(), runDate));
    }

    private DecisionModel liveModel(Campaign campaign) {
        DecisionModel model = registry.find(campaign.decisionModel())
                .orElseThrow(() -> new NotFoundException("Campaign \"" + campaign.campaignId()
                        + "\" uses the decision model \"" + campaign.decisionModel() + "\", which is not loaded"));
        if (!model.isCampaignModel()) {
            throw new ConflictException("Campaign \"" + campaign.campaignId() + "\" uses the decision model \""
                    + model.name() + "\", which cannot drive a campaign: " + model.campaignProblems());
        }
        return model;
    }
}
