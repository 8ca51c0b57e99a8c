package dev.selektor.customer.dynamo;

import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Per consumer and stream shard, the last sequence number applied, or that the shard was read to its end. */
@ApplicationScoped
public class StreamCheckpoints {
    /** The sequence number a shard read to its end is checkpointed with. */
    static final String ENDED = "ENDED";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    /** The consumer's checkpoints by shard id. */
    Map<String, String> of(String consumer) {
        Map<String, String> positions = new HashMap<>();
        dynamo.queryPaginator(b -> b.tableName(tables.name(Tables.STREAM_CHECKPOINTS))
                        .consistentRead(true)
                        .keyConditionExpression("consumer = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(consumer))))
                .items()
                .forEach(item -> {
                    if (!item.get("shardId").s().equals(LEASE)) {
                        positions.put(
                                item.get("shardId").s(),
                                item.get("sequenceNumber").s());
                    }
                });
        return positions;
    }

    Optional<String> of(String consumer, String shardId) {
        Map<String, AttributeValue> item = item(consumer, shardId);
        return item.isEmpty()
                ? Optional.empty()
                : Optional.of(item.get("sequenceNumber").s());
    }

    /** The lease row of a consumer: who holds it, until when, and the consumer's freshness. */
    private static final String LEASE = "lease";

    /**
     * Takes or renews the consumer's lease when it is free, expired or already this owner's.
     *
     * @return whether {@code owner} holds the lease now
     */
    boolean lease(String consumer, String owner, Duration duration, Instant asOf) {
        Instant now = Instant.now();
        try {
            dynamo.putItem(b -> b.tableName(tables.name(Tables.STREAM_CHECKPOINTS))
                    .item(Map.of(
                            "consumer", AttributeValue.fromS(consumer),
                            "shardId", AttributeValue.fromS(LEASE),
                            "sequenceNumber", AttributeValue.fromS(LEASE),
                            "owner", AttributeValue.fromS(owner),
                            "expiresAt",
                                    AttributeValue.fromN(
                                            Long.toString(now.plus(duration).toEpochMilli())),
                            "asOf", AttributeValue.fromS(asOf.toString())))
                    .conditionExpression("attribute_not_exists(consumer) OR #o = :me OR expiresAt < :now")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(
                            ":me", AttributeValue.fromS(owner),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    void releaseLease(String consumer, String owner) {
        try {
            dynamo.deleteItem(b -> b.tableName(tables.name(Tables.STREAM_CHECKPOINTS))
                    .key(Map.of("consumer", AttributeValue.fromS(consumer), "shardId", AttributeValue.fromS(LEASE)))
                    .conditionExpression("#o = :me")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(owner))));
        } catch (ConditionalCheckFailedException e) {
            // Another instance holds it already.
        }
    }

    /** The freshness the lease's holder last recorded. */
    Optional<Instant> leaseAsOf(String consumer) {
        return Optional.ofNullable(item(consumer, LEASE).get("asOf")).map(v -> Instant.parse(v.s()));
    }

    private Map<String, AttributeValue> item(String consumer, String shardId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.name(Tables.STREAM_CHECKPOINTS))
                        .consistentRead(true)
                        .key(Map.of(
                                "consumer", AttributeValue.fromS(consumer), "shardId", AttributeValue.fromS(shardId))))
                .item();
        return item == null ? Map.of() : item;
    }

    void save(String consumer, String shardId, String sequenceNumber) {
        dynamo.putItem(b -> b.tableName(tables.name(Tables.STREAM_CHECKPOINTS))
                .item(Map.of(
                        "consumer", AttributeValue.fromS(consumer),
                        "shardId", AttributeValue.fromS(shardId),
                        "sequenceNumber", AttributeValue.fromS(sequenceNumber),
                        "at", AttributeValue.fromS(Instant.now().toString()))));
    }
}
