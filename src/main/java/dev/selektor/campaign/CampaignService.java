package dev.selektor.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.SelektorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.context.ManagedExecutor;

/** Defines and finds campaigns; a campaign may only name a loaded model that follows the campaign conventions. */
@ApplicationScoped
public class CampaignService {

    @Inject
    CampaignRepository campaigns;

    @Inject
    CampaignModels models;

    @Inject
    SelektorConfig config;

    /** For the background refresh of recently read campaigns. */
    @Inject
    ManagedExecutor workers;

    private RecentCampaigns recent;

    @PostConstruct
    void init() {
        recent = new RecentCampaigns(config.campaigns().cacheTtl(), campaigns::find, workers, System::nanoTime);
    }

    public Campaign define(String campaignId, JsonNode body) {
        var parsed = CampaignParser.parse(campaignId, body, models::whyNotUsable);
        if (parsed instanceof CampaignParser.Result.Invalid invalid) {
            throw new InvalidInputException(
                    invalid.errors().size() + " field(s) of the campaign are invalid", invalid.errors());
        }
        Campaign campaign = ((CampaignParser.Result.Valid) parsed).campaign();
        campaigns.save(campaign);
        recent.stored(campaign);
        return campaign;
    }

    public Optional<Campaign> find(String campaignId) {
        return campaigns.find(campaignId);
    }

    /** The campaign if it was read within {@code selektor.campaigns.cache-ttl}, without asking the store. */
    public Optional<Campaign> recentInMemory(String campaignId) {
        return recent.inMemory(campaignId);
    }

    /**
     * The campaign as read at most {@code selektor.campaigns.cache-ttl} ago: for single decisions, which must not
     * cost a store read each. Unknown campaigns are not remembered, so a campaign defined elsewhere is found at once.
     */
    public Optional<Campaign> findRecent(String campaignId) {
        return recent.inMemoryOrRead(campaignId);
    }

    public List<Campaign> all() {
        return campaigns.findAll();
    }
}
