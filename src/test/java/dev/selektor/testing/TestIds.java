package dev.selektor.testing;

import dev.selektor.policy.HoldoutBucket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids that no other test uses: the Quarkus tests share one application and one store, whatever order they run in,
 * so each test names its customers, campaigns and models with a prefix of its own and counts only those.
 */
public final class TestIds {
    private TestIds() {}

    /** {@code base}, a dash and six random letters or digits, e.g. {@code C-RT-k3f9x2}; valid as a customer, campaign or model id. */
    public static String unique(String base) {
        StringBuilder id = new StringBuilder(base).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }

    /**
     * A {@link #unique} customer id that the campaign's holdout does not hold back, for a test that needs the
     * customer selected: a random id falls into a 5 % control group one time in twenty.
     */
    public static String outsideHoldout(String base, String campaignId, double holdoutPercent) {
        int heldOut = HoldoutBucket.basisPoints(holdoutPercent);
        while (true) {
            String id = unique(base);
            if (HoldoutBucket.of(campaignId, id) >= heldOut) {
                return id;
            }
        }
    }
}
