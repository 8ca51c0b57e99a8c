package dev.selektor.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The per-thread digest must give the standard SHA-256 whatever the last user of this thread left in it. */
class Sha256Test {
    /** FIPS 180-2's example: SHA-256("abc"). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void aDigestLeftHalfWayIsResetForTheNextUse() {
        Sha256.forThisThread().update("left over by an earlier caller".getBytes(StandardCharsets.UTF_8));
        assertEquals(ABC, hex(Sha256.forThisThread().digest("abc".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void eachThreadHasItsOwnDigest() throws Exception {
        MessageDigest mine = Sha256.forThisThread();
        mine.update("a".getBytes(StandardCharsets.UTF_8));
        CountDownLatch otherUsedItsOwn = new CountDownLatch(1);
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            String digest = hex(Sha256.forThisThread().digest("abc".getBytes(StandardCharsets.UTF_8)));
            otherUsedItsOwn.countDown();
            return digest;
        });
        otherUsedItsOwn.await();
        mine.update("bc".getBytes(StandardCharsets.UTF_8));
        assertEquals(ABC, hex(mine.digest()), "another thread's use did not touch this thread's digest half-way");
        assertEquals(ABC, other.get());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
