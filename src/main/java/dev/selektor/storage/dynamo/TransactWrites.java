package dev.selektor.storage.dynamo;

import dev.selektor.common.StoreUnavailableException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * TransactWriteItems, all items or none. A transaction that DynamoDB cancels because another one touched the same
 * item at the same moment (or because of throttling) is tried again a bounded number of times; the writes must be
 * idempotent for that, which plain puts are.
 */
public final class TransactWrites {
    public static final int MAX_ITEMS = 100;
    private static final int MAX_ATTEMPTS = 6;

    private TransactWrites() {}

    /** @return false when a condition of one of the items failed (nothing was written), true when all were written */
    public static boolean writeAll(DynamoDbClient dynamo, List<TransactWriteItem> items, String what) {
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("at most " + MAX_ITEMS + " items per transaction, got " + items.size());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                DynamoCalls.run(what, () -> dynamo.transactWriteItems(b -> b.transactItems(items)));
                return true;
            } catch (TransactionCanceledException e) {
                if (e.hasCancellationReasons()
                        && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    return false;
                }
                boolean retryable = !e.hasCancellationReasons()
                        || e.cancellationReasons().stream()
                                .allMatch(r -> r.code() == null
                                        || "None".equals(r.code())
                                        || "TransactionConflict".equals(r.code())
                                        || "ThrottlingError".equals(r.code()));
                if (!retryable) {
                    // A validation error, say: trying it again would fail the same way.
                    throw e;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new StoreUnavailableException(
                            what + ": the transaction was cancelled " + attempt + " times: " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10L << attempt, (25L << attempt) + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException("interrupted while retrying: " + what, ie);
                }
            }
        }
    }
}
