package dev.selektor.selection;

import dev.selektor.campaign.Campaign;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.policy.ContactPressure;
import java.util.function.Function;

/** What every segment of one run decides with, built once per run and instance. */
record RunWork(
        SelectionRun run,
        Campaign campaign,
        DecisionModel model,
        CampaignDecider decider,
        Function<String, ContactPressure> pressure) {}
