package dev.selektor.campaign;

import java.util.List;
import java.util.Optional;

/** Where campaign definitions live; a save replaces the campaign with the same id. */
public interface CampaignRepository {

    void save(Campaign campaign);

    Optional<Campaign> find(String campaignId);

    /** All campaigns, ordered by id. */
    List<Campaign> findAll();
}
