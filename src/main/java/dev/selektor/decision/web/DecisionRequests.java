package dev.selektor.decision.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.campaign.Campaign;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.NotFoundException;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.decision.Decision;
import dev.selektor.decision.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Answers a request of the decision endpoint, whichever adapter received it ({@link DecisionResource} or
 * {@link DecisionRoute}); the caller's role is the adapter's to check.
 */
@ApplicationScoped
public class DecisionRequests {

    @Inject
    DecisionService decisions;

    @Inject
    BusinessClock clock;

    @Inject
    CustomerFactsRepository customers;

    /** Quarkus' worker threads, for decisions that wait for the store. */
    @Inject
    ManagedExecutor workers;

    /**
     * The decision for the body (null when there is none); a 400 ({@code InvalidInputException}) may be thrown
     * at once, anything else arrives through the stage.
     */
    public CompletionStage<DecisionView> answer(String campaignId, JsonNode body) {
        // Checkout's usual question (facts in the body, campaign read recently, no contact history to look up) is
        // answered right here on the I/O thread; handing it to a worker thread would cost more than the decision.
        Optional<Campaign> recent = decisions.recentCampaign(campaignId);
        Optional<DecisionRequest> read = recent.map(campaign -> DecisionRequest.parse(body, clock.today()));
        if (read.isPresent() && read.get().facts().isPresent()) {
            DecisionRequest request = read.get();
            Optional<Decision> decided =
                    decisions.decideWithoutStore(recent.get(), request.facts().get(), request.runDate());
            if (decided.isPresent()) {
                return CompletableFuture.completedFuture(DecisionView.of(decided.get()));
            }
        }
        // Anything that needs the store (the campaign, the customer's facts, the contact history) on a worker thread.
        return CompletableFuture.supplyAsync(() -> decideReadingTheStore(campaignId, body, read), workers);
    }

    /** The body is read after the campaign, unless it was read already: an unknown campaign is a 404 whatever the body. */
    private DecisionView decideReadingTheStore(
            String campaignId, JsonNode body, Optional<DecisionRequest> alreadyRead) {
        Campaign campaign = decisions.campaign(campaignId);
        DecisionRequest request = alreadyRead.orElseGet(() -> DecisionRequest.parse(body, clock.today()));
        CustomerFacts facts = request.facts()
                .orElseGet(() -> customers
                        .find(request.customerId().orElseThrow())
                        .orElseThrow(() -> new NotFoundException(
                                "There is no customer \"" + request.customerId().get() + "\"")));
        return DecisionView.of(decisions.decide(campaign, facts, request.runDate()));
    }
}
