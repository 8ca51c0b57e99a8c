package dev.selektor.policy;

import dev.selektor.customer.CustomerFacts;

/**
 * The one fact the policy rules in {@code rules/} match on: a flat JavaBean view of the customer and the
 * campaign, so that DRL conditions read like the contract ({@code PolicySubject(marketingConsent == false)}).
 */
public final class PolicySubject {
    private final CustomerFacts customer;
    private final String campaignId;
    private final int holdoutBucket;
    private final int holdoutBasisPoints;
    private final ContactPressure contactPressure;

    public PolicySubject(
            CustomerFacts customer, String campaignId, double holdoutPercent, ContactPressure contactPressure) {
        this.customer = customer;
        this.campaignId = campaignId;
        this.holdoutBucket = HoldoutBucket.of(campaignId, customer.customerId());
        this.holdoutBasisPoints = HoldoutBucket.basisPoints(holdoutPercent);
        this.contactPressure = contactPressure;
    }

    public String getCustomerId() {
        return customer.customerId();
    }

    public String getCampaignId() {
        return campaignId;
    }

    public String getSegment() {
        return customer.segment().name();
    }

    public boolean isMarketingConsent() {
        return customer.marketingConsent();
    }

    public boolean isFraudFlag() {
        return customer.fraudFlag();
    }

    /** How many other campaigns selected the customer in completed runs of the recent window. */
    public int getOtherCampaignsRecently() {
        return contactPressure.otherCampaignsRecently();
    }

    /** From this many other campaigns on, the customer is left alone. */
    public int getContactPressureLimit() {
        return contactPressure.limit();
    }

    /** 0..9,999, see {@link HoldoutBucket}. */
    public int getHoldoutBucket() {
        return holdoutBucket;
    }

    /** The campaign's holdout share in hundredths of a percent: buckets below it are held out. */
    public int getHoldoutBasisPoints() {
        return holdoutBasisPoints;
    }
}
