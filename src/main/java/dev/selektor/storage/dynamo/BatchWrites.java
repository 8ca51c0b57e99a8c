package dev.selektor.storage.dynamo;

import dev.selektor.common.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem until every request is accepted: DynamoDB may take only part of a batch under load and hands the
 * rest back, which is retried with jittered exponential backoff a bounded number of times.
 */
public final class BatchWrites {
    public static final int MAX_BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private BatchWrites() {}

    /** Writes up to {@link #MAX_BATCH} requests to one table, all or throws {@link StoreUnavailableException}. */
    public static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> requests, String what) {
        if (requests.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " writes per batch, got " + requests.size());
        }
        List<WriteRequest> pending = requests;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<WriteRequest> batch = pending;
            pending = DynamoCalls.call(what, () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch))))
                    .unprocessedItems()
                    .getOrDefault(table, List.of());
            if (!pending.isEmpty()) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new StoreUnavailableException(
                            pending.size() + " writes stayed unprocessed after " + attempt + " attempts: " + what,
                            null);
                }
                backoff(attempt, what);
            }
        }
    }

    private static void backoff(int attempt, String what) {
        long cap = Math.min(2_000, 25L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while retrying: " + what, e);
        }
    }
}
