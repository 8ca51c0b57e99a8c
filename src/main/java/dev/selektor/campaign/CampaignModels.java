package dev.selektor.campaign;

import java.util.Optional;

/**
 * The decision models a campaign may name. The campaign feature asks through this port so that it does not depend on
 * the decision feature, which depends on campaigns.
 */
public interface CampaignModels {

    /** Why the named model cannot drive a campaign, or empty when it can. */
    Optional<String> whyNotUsable(String modelName);
}
