package dev.selektor.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 digest for this thread, reset and ready. Looking the algorithm up ({@link MessageDigest#getInstance})
 * costs about as much as digesting a short text, and decisions digest two on every request: the holdout bucket and
 * a remembered login.
 */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::create);

    private Sha256() {}

    /** This thread's digest, reset; use it before anything else on this thread asks for it again. */
    public static MessageDigest forThisThread() {
        MessageDigest digest = PER_THREAD.get();
        digest.reset();
        return digest;
    }

    private static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
