package dev.selektor.decision;

import static dev.selektor.decision.model.TestModels.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.campaign.Campaign;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.ModelVersion;
import dev.selektor.decision.model.TestModels;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.policy.ContactPressure;
import dev.selektor.policy.HoldoutBucket;
import dev.selektor.policy.PolicyCheck;
import dev.selektor.policy.drl.PolicyRulesLoader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CampaignDeciderTest {
    private static DecisionModel model;
    private static CampaignDecider decider;
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 26);

    @BeforeAll
    static void compile() {
        model = new DecisionModelCompiler()
                .compile("test-campaign.dmn", TestModels.bytes(TestModels.fixtureXml()), true);
        decider = new CampaignDecider(PolicyRulesLoader.load(Path.of("rules")));
    }

    private static Campaign campaign(double holdoutPercent) {
        return Campaign.forModel("test-campaign", holdoutPercent);
    }

    private static Decision decide(String overrides) {
        return decider.decide(campaign(0), model, customer(overrides), RUN_DATE);
    }

    @Test
    void modelVersionIsTheFirst12HexDigitsOfTheFilesSha256() {
        assertEquals(ModelVersion.of(TestModels.bytes(TestModels.fixtureXml())), model.version());
        assertTrue(model.version().matches("[0-9a-f]{12}"));
    }

    @Test
    void selectedCustomerGetsTheRowsDiscountReasonAndAnnotation() {
        Decision decision = decide("\"segment\": \"REGULAR\", \"revenue12m\": 150");
        assertEquals(new Outcome.Selected(new BigDecimal("10"), "Regular with spend"), decision.outcome());
        assertEquals(Outcome.ReasonSource.MODEL, decision.outcome().reasonSource());
        assertEquals(
                List.of(new MatchedRule("Selection", 3, "Regular customers who spent at least 100 EUR")),
                decision.explanation().matchedRules().stream()
                        .filter(r -> r.decision().equals("Selection"))
                        .toList());
        assertEquals("REGULAR", decision.explanation().inputs().get("Customer.segment"));
        assertEquals(new BigDecimal("150"), decision.explanation().inputs().get("Customer.revenue12m"));
        assertEquals(Optional.of(new BigDecimal("150")), decision.priority());
    }

    @Test
    void modelRejectionKeepsTheModelsOwnReason() {
        Decision decision = decide("\"revenue12m\": 99.99");
        assertEquals(new Outcome.Rejected("Too little spend", Outcome.ReasonSource.MODEL), decision.outcome());
        assertEquals(4, decision.explanation().matchedRules().get(0).row());
    }

    @Test
    void noMatchingRowIsNotEligibleWithNoRuleMatched() {
        Decision decision = decide("\"segment\": \"VIP\"");
        assertEquals(new Outcome.Rejected("NO_RULE_MATCHED", Outcome.ReasonSource.POLICY), decision.outcome());
        assertTrue(decision.explanation().matchedRules().stream()
                .noneMatch(r -> r.decision().equals("Selection")));
    }

    @Test
    void discountOutsideZeroToHundredIsAModelError() {
        Decision decision = decide("\"segment\": \"DORMANT\"");
        assertEquals(new Outcome.Rejected("MODEL_ERROR", Outcome.ReasonSource.POLICY), decision.outcome());
        assertTrue(
                decision.explanation().messages().stream()
                        .anyMatch(m -> m.contains("discountPercent") && m.contains("150")),
                decision.explanation().messages().toString());
    }

    @Test
    void feelErrorAtRunTimeIsAModelErrorWithTheEnginesMessage() {
        Decision decision = decide("\"segment\": \"NEW\"");
        assertEquals("MODEL_ERROR", decision.outcome().reason());
        assertFalse(decision.explanation().messages().isEmpty());
        assertEquals(BigDecimal.ZERO, decision.outcome().discountPercent());
    }

    @Test
    void consentComesBeforeFraudAndBothBeforeTheModel() {
        Decision both = decide("\"marketingConsent\": false, \"fraudFlag\": true");
        assertEquals(new Outcome.Rejected("NO_CONSENT", Outcome.ReasonSource.POLICY), both.outcome());
        assertTrue(
                both.explanation().matchedRules().isEmpty(),
                "the model is not asked once a policy excluded the customer");
        assertEquals(
                List.of(
                        PolicyCheck.Result.REJECTED,
                        PolicyCheck.Result.REJECTED,
                        PolicyCheck.Result.PASSED,
                        PolicyCheck.Result.NOT_APPLICABLE),
                both.explanation().policies().stream().map(PolicyCheck::result).toList());
        Decision fraud = decide("\"fraudFlag\": true");
        assertEquals("FRAUD_SUSPECTED", fraud.outcome().reason());
    }

    @Test
    void contactPressureAppliesFromTheLimitOnAndAfterFraud() {
        var selected = customer("\"revenue12m\": 150");
        Decision atLimit = decider.decide(campaign(0), model, selected, RUN_DATE, new ContactPressure(3, 3));
        assertEquals(new Outcome.Rejected("CONTACT_PRESSURE", Outcome.ReasonSource.POLICY), atLimit.outcome());
        assertEquals(
                Outcome.Kind.SELECTED,
                decider.decide(campaign(0), model, selected, RUN_DATE, new ContactPressure(2, 3))
                        .outcome()
                        .kind());
        var fraud = customer("\"revenue12m\": 150, \"fraudFlag\": true");
        assertEquals(
                "FRAUD_SUSPECTED",
                decider.decide(campaign(0), model, fraud, RUN_DATE, new ContactPressure(5, 3))
                        .outcome()
                        .reason());
    }

    @Test
    void holdoutTakesTheConfiguredShareOfSelectedCustomersOnly() {
        String id = "C-000123";
        int bucket = HoldoutBucket.of("test-campaign", id);
        double above = (bucket + 1) / 100.0;
        double atOrBelow = bucket / 100.0;
        var selected = customer("\"revenue12m\": 150");
        assertEquals(
                Outcome.Kind.HOLDOUT,
                decider.decide(campaign(above), model, selected, RUN_DATE)
                        .outcome()
                        .kind());
        assertEquals(
                Outcome.Kind.SELECTED,
                decider.decide(campaign(atOrBelow), model, selected, RUN_DATE)
                        .outcome()
                        .kind());
        var rejected = customer("\"revenue12m\": 10");
        assertEquals(
                "Too little spend",
                decider.decide(campaign(100), model, rejected, RUN_DATE)
                        .outcome()
                        .reason());
    }

    @Test
    void holdoutBucketFollowsTheContractsHash() {
        // Independent computation: SHA-256("test-campaign\0C-000123"), first 8 bytes unsigned, mod 10,000.
        var digest = org.apache.commons.codec.digest.DigestUtils.sha256(
                "test-campaign\u0000C-000123".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.math.BigInteger first8 = new java.math.BigInteger(1, java.util.Arrays.copyOf(digest, 8));
        assertEquals(
                first8.mod(java.math.BigInteger.valueOf(10_000)).intValue(),
                HoldoutBucket.of("test-campaign", "C-000123"));
    }

    @Test
    void sameFactsRunDateAndModelGiveTheSameDecision() {
        assertEquals(decide("\"revenue12m\": 150"), decide("\"revenue12m\": 150"));
        assertEquals(decide("\"segment\": \"NEW\""), decide("\"segment\": \"NEW\""));
    }
}
