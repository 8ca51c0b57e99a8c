package dev.selektor.authoring.dynamo;

import dev.selektor.authoring.Draft;
import dev.selektor.authoring.DraftTooLargeException;
import dev.selektor.storage.dynamo.ItemSize;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whether a draft's items fit in DynamoDB, measured on the items themselves before anything is written: a draft is
 * one item holding the model's DMN and its name, warnings and other fields, and later its test report.
 */
final class DraftItemLimit {
    /** Room a saved draft keeps in its item for the report of its regression cases, added when they are run. */
    static final int TEST_REPORT_ROOM = 64 * 1024;

    private DraftItemLimit() {}

    /** Refuses a draft whose item, with room for its test report, would not fit. */
    static void checkContent(Draft draft, Map<String, AttributeValue> draftItem) {
        long content = draft.content().length;
        long rest = ItemSize.of(draftItem) - content;
        long limit = ItemSize.MAX_ITEM_BYTES - TEST_REPORT_ROOM - rest;
        if (content > limit) {
            throw new DraftTooLargeException(
                    "The draft is " + bytes(content) + "; the store keeps a draft in one item of at most "
                            + bytes(ItemSize.MAX_ITEM_BYTES) + ", which leaves " + bytes(limit)
                            + " for the model after its other fields (" + bytes(rest)
                            + ", warnings included) and the room kept for its test report ("
                            + bytes(TEST_REPORT_ROOM) + "). Nothing was stored.",
                    content,
                    limit);
        }
    }

    /** Refuses a new draft whose item ({@link #checkContent}) or whose audit entry would not fit. */
    static void checkNew(Draft draft, Map<String, AttributeValue> draftItem, Map<String, AttributeValue> auditItem) {
        checkContent(draft, draftItem);
        long audit = ItemSize.of(auditItem);
        if (audit > ItemSize.MAX_ITEM_BYTES) {
            throw new DraftTooLargeException(
                    "The audit entry of the draft, which lists the rows it changes, is " + bytes(audit)
                            + "; the store keeps it in one item of at most " + bytes(ItemSize.MAX_ITEM_BYTES)
                            + ". Change fewer rows per draft. Nothing was stored.",
                    audit,
                    ItemSize.MAX_ITEM_BYTES);
        }
    }

    /** Refuses a changed draft (a test report added) whose item would not fit. */
    static void checkUpdate(Map<String, AttributeValue> draftItem) {
        long size = ItemSize.of(draftItem);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new DraftTooLargeException(
                    "The draft with its test report is " + bytes(size) + "; the store keeps a draft in one item of"
                            + " at most " + bytes(ItemSize.MAX_ITEM_BYTES) + ". The report was not stored.",
                    size,
                    ItemSize.MAX_ITEM_BYTES);
        }
    }

    private static String bytes(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n) + " bytes";
    }
}
