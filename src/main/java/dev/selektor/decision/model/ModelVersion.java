package dev.selektor.decision.model;

import dev.selektor.common.Sha256;
import java.util.HexFormat;

/** The contract's modelVersion: the first 12 hex digits of the SHA-256 of the model file's bytes. */
public final class ModelVersion {
    private ModelVersion() {}

    public static String of(byte[] content) {
        return HexFormat.of().formatHex(Sha256.forThisThread().digest(content)).substring(0, 12);
    }
}
