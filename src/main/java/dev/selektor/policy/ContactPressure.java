package dev.selektor.policy;

/**
 * Contract section 3: the number of other campaigns that selected the customer in completed runs whose run date
 * lies in [runDate - windowDays, runDate), and the limit from which that is too many.
 */
public record ContactPressure(int otherCampaignsRecently, int limit) {

    /** For evaluations without a selection history (regression cases, benchmarks): nobody is under pressure. */
    public static ContactPressure noHistory() {
        return new ContactPressure(0, Integer.MAX_VALUE);
    }
}
