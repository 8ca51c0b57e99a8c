package dev.selektor.storage.dynamo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB counts for an item, so that an item too large is refused before it is written, with its size,
 * instead of failing in the store. DynamoDB counts each attribute's name and value in UTF-8 bytes; a number up to
 * 21 bytes, a list or map 3 bytes plus 1 per element on top of the elements (its documented item sizes).
 */
public final class ItemSize {
    /** The largest item DynamoDB holds: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    private static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.bool() != null || value.nul() != null) {
            return 1;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(v -> 1 + of(v)).sum();
        }
        if (value.hasM()) {
            return 3 + of(value.m()) + value.m().size();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(ItemSize::number).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        return 0;
    }

    // One byte per two significant digits, plus one: at most 21.
    private static long number(String n) {
        BigDecimal value = new BigDecimal(n).stripTrailingZeros();
        return Math.min(21, (value.precision() + 1) / 2 + 1);
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
