package dev.selektor.decision;

import dev.selektor.campaign.Campaign;
import dev.selektor.campaign.CampaignService;
import dev.selektor.common.ConflictException;
import dev.selektor.common.NotFoundException;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.policy.ContactPressureSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;

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
        return campaigns.findRecent(campaignId)
                .orElseThrow(() -> new NotFoundException("There is no campaign \"" + campaignId + "\""));
    }

    public Decision decide(Campaign campaign, CustomerFacts facts, LocalDate runDate) {
        DecisionModel model = registry.find(campaign.decisionModel())
                .orElseThrow(() -> new NotFoundException("Campaign \"" + campaign.campaignId()
                        + "\" uses the decision model \"" + campaign.decisionModel() + "\", which is not loaded"));
        if (!model.isCampaignModel()) {
            throw new ConflictException("Campaign \"" + campaign.campaignId() + "\" uses the decision model \""
                    + model.name() + "\", which cannot drive a campaign: " + model.campaignProblems());
        }
        return new CampaignDecider(registry.policies()).decide(campaign, model, facts, runDate,
                contactPressure.forCustomer(facts.customerId(), campaign.campaignId(), runDate));
    }
}
