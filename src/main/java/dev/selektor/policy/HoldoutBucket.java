package dev.selektor.policy;

import dev.selektor.common.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The contract's deterministic control-group bucket: the first 8 bytes of SHA-256(campaignId + NUL + customerId)
 * as an unsigned number, modulo 10,000. Deterministic so that a customer stays in or out of the control group
 * across runs and instances, and independent of the id's age so that old customers are not favoured.
 */
public final class HoldoutBucket {
    public static final int BUCKETS = 10_000;

    private HoldoutBucket() {}

    public static int of(String campaignId, String customerId) {
        return (int) Long.remainderUnsigned(hash(campaignId, customerId), BUCKETS);
    }

    /** The first 8 bytes of the digest, to be read as an unsigned number. */
    public static long hash(String campaignId, String customerId) {
        MessageDigest sha256 = Sha256.forThisThread();
        sha256.update(campaignId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        byte[] digest = sha256.digest(customerId.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, 8).getLong();
    }

    /** A holdout share in percent (0..100, two decimals count) as the number of buckets held out. */
    public static int basisPoints(double holdoutPercent) {
        return (int) Math.round(holdoutPercent * 100);
    }
}
