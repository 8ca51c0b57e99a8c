package dev.selektor.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.common.InvalidInputException;
import dev.selektor.decision.DecisionModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.selektor.common.SelektorConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/** Defines and finds campaigns; a campaign may only name a loaded model that follows the campaign conventions. */
@ApplicationScoped
public class CampaignService {

    @Inject
    CampaignRepository campaigns;

    @Inject
    DecisionModelRegistry models;

    @Inject
    SelektorConfig config;

    /** Campaigns as the decision endpoint last read them: checkout asks about the same few campaigns all the time. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Campaign campaign, long readAtNanos) { }

    public Campaign define(String campaignId, JsonNode body) {
        var parsed = CampaignParser.parse(campaignId, body, this::whyNotUsable);
        if (parsed instanceof CampaignParser.Result.Invalid invalid) {
            throw new InvalidInputException(invalid.errors().size() + " field(s) of the campaign are invalid", invalid.errors());
        }
        Campaign campaign = ((CampaignParser.Result.Valid) parsed).campaign();
        campaigns.save(campaign);
        cache.put(campaignId, new Cached(campaign, System.nanoTime()));
        return campaign;
    }

    public Optional<Campaign> find(String campaignId) {
        return campaigns.find(campaignId);
    }

    /** The campaign if it was read within {@code selektor.campaigns.cache-ttl}, without asking the store. */
    public Optional<Campaign> recentInMemory(String campaignId) {
        Cached cached = cache.get(campaignId);
        return cached != null && System.nanoTime() - cached.readAtNanos() < config.campaigns().cacheTtl().toNanos()
                ? Optional.of(cached.campaign()) : Optional.empty();
    }

    /**
     * The campaign as read at most {@code selektor.campaigns.cache-ttl} ago: for single decisions, which must not
     * cost a store read each. Unknown campaigns are not remembered, so a campaign defined elsewhere is found at once.
     */
    public Optional<Campaign> findRecent(String campaignId) {
        Optional<Campaign> recent = recentInMemory(campaignId);
        if (recent.isPresent()) {
            return recent;
        }
        Optional<Campaign> read = campaigns.find(campaignId);
        read.ifPresentOrElse(c -> cache.put(campaignId, new Cached(c, System.nanoTime())), () -> cache.remove(campaignId));
        return read;
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
