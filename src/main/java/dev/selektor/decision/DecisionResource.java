package dev.selektor.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.campaign.Campaign;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import dev.selektor.common.IsoDates;
import dev.selektor.common.NotFoundException;
import dev.selektor.common.Roles;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsParser;
import dev.selektor.customer.CustomerFactsRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/campaigns/{campaignId}/decisions")
public class DecisionResource {

    @Inject
    DecisionService decisions;

    @Inject
    BusinessClock clock;

    @Inject
    CustomerFactsRepository customers;

    /** Quarkus' worker threads, for decisions that wait for the store. */
    @Inject
    ManagedExecutor workers;

    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.SERVICE})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which discount does this customer get in this campaign now, and why",
            description = "Body: {\"customerId\": \"C-1\"} (facts from the store) or {\"customer\": {facts}}, and optionally "
                    + "\"runDate\": \"2026-11-26\" (default: today in selektor.zone).")
    @APIResponse(responseCode = "200", description = "The decision with its explanation")
    @APIResponse(responseCode = "400", description = "Bad facts or body (application/problem+json, errors name each field)")
    @APIResponse(responseCode = "404", description = "Unknown campaign, or unknown customer when asked by customerId")
    public CompletionStage<DecisionView> decide(@PathParam("campaignId") String campaignId, JsonNode body) {
        // Checkout's usual question (facts in the body, campaign read recently, no contact history to look up) is
        // answered right here on the I/O thread; handing it to a worker thread would cost more than the decision.
        Optional<Campaign> recent = decisions.recentCampaign(campaignId);
        if (recent.isPresent()) {
            Request request = parse(body);
            if (request.facts().isPresent()) {
                Optional<Decision> decided = decisions.decideWithoutStore(recent.get(), request.facts().get(), request.runDate());
                if (decided.isPresent()) {
                    return CompletableFuture.completedFuture(DecisionView.of(decided.get()));
                }
            }
        }
        // Anything that needs the store (the campaign, the customer's facts, the contact history) on a worker thread.
        return CompletableFuture.supplyAsync(() -> decideReadingTheStore(campaignId, body), workers);
    }

    /** What a request asks: facts (or the customer id to read them by) and the run date. */
    private record Request(Optional<CustomerFacts> facts, Optional<String> customerId, LocalDate runDate) { }

    private DecisionView decideReadingTheStore(String campaignId, JsonNode body) {
        Campaign campaign = decisions.campaign(campaignId);
        Request request = parse(body);
        CustomerFacts facts = request.facts().orElseGet(() -> customers.find(request.customerId().orElseThrow())
                .orElseThrow(() -> new NotFoundException("There is no customer \"" + request.customerId().get() + "\"")));
        return DecisionView.of(decisions.decide(campaign, facts, request.runDate()));
    }

    /** The request, or a 400 naming every bad field. */
    private Request parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(new FieldError("", "the body must be a JSON object {\"customer\": {...}, \"runDate\": \"...\"}"));
        }
        LocalDate today = clock.today();
        List<FieldError> errors = new ArrayList<>();
        LocalDate runDate = today;
        JsonNode runDateNode = body.get("runDate");
        if (runDateNode != null && !runDateNode.isNull()) {
            try {
                if (!runDateNode.isTextual()) {
                    throw new DateTimeParseException("not a string", runDateNode.toString(), 0);
                }
                runDate = IsoDates.parse(runDateNode.textValue());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/runDate", "must be an ISO date such as 2026-11-26, got " + runDateNode));
            }
        }
        JsonNode customerNode = body.get("customer");
        JsonNode customerIdNode = body.get("customerId");
        boolean byFacts = customerNode != null && !customerNode.isNull();
        boolean byId = customerIdNode != null && !customerIdNode.isNull();
        CustomerFacts facts = null;
        String customerId = null;
        if (byFacts == byId) {
            errors.add(new FieldError(byFacts ? "/customerId" : "/customer",
                    "give either \"customer\" (the facts) or \"customerId\" (facts from the store), not " + (byFacts ? "both" : "neither")));
        } else if (byId) {
            if (!customerIdNode.isTextual()) {
                errors.add(new FieldError("/customerId", "must be a string, got " + customerIdNode));
            } else {
                customerId = customerIdNode.textValue();
            }
        } else {
            CustomerFactsParser.Result parsed = CustomerFactsParser.parse(customerNode, today);
            if (parsed instanceof CustomerFactsParser.Result.Invalid invalid) {
                invalid.errors().forEach(e -> errors.add(e.withPrefix("/customer")));
            } else {
                facts = ((CustomerFactsParser.Result.Valid) parsed).facts();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() + " field(s) break the contract: "
                    + errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
        return new Request(Optional.ofNullable(facts), Optional.ofNullable(customerId), runDate);
    }
}
