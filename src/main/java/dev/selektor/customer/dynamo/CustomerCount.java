package dev.selektor.customer.dynamo;

import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * How many customers are stored, kept in an item of the {@code counters} table by every write and erasure, because
 * DynamoDB tells a table's size only every few hours (and the local store not at all) while a run's progress bar
 * needs it now. Writes of the same new customer at the same moment can count it twice: the count is an estimate.
 */
@ApplicationScoped
public class CustomerCount {
    private static final Map<String, AttributeValue> KEY = Map.of("name", AttributeValue.fromS("customers"));
    private static final int MAX_BATCH_GET = 100;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    long read() {
        var item = DynamoCalls.call(
                        "reading the customer count",
                        () -> dynamo.getItem(b -> b.tableName(tables.name(Tables.COUNTERS))
                                .key(KEY)
                                .consistentRead(true)))
                .item();
        return item == null || !item.containsKey("count")
                ? 0
                : Long.parseLong(item.get("count").n());
    }

    void add(long delta) {
        if (delta == 0) {
            return;
        }
        DynamoCalls.run(
                "counting customers",
                () -> dynamo.updateItem(b -> b.tableName(tables.name(Tables.COUNTERS))
                        .key(KEY)
                        .updateExpression("ADD #count :delta")
                        .expressionAttributeNames(Map.of("#count", "count"))
                        .expressionAttributeValues(Map.of(":delta", AttributeValue.fromN(Long.toString(delta))))));
    }

    /** Which of these customer ids the customers table does not hold yet. */
    int notYetStored(Collection<String> customerIds, String customersTable) {
        Set<String> unknown = new HashSet<>(customerIds);
        List<String> ids = new ArrayList<>(unknown);
        for (int from = 0; from < ids.size(); from += MAX_BATCH_GET) {
            List<Map<String, AttributeValue>> keys =
                    ids.subList(from, Math.min(ids.size(), from + MAX_BATCH_GET)).stream()
                            .map(id -> Map.of("customerId", AttributeValue.fromS(id)))
                            .toList();
            Map<String, KeysAndAttributes> request = Map.of(
                    customersTable,
                    KeysAndAttributes.builder()
                            .keys(keys)
                            .projectionExpression("customerId")
                            .build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                var answer = DynamoCalls.call(
                        "looking up " + keys.size() + " customers",
                        () -> dynamo.batchGetItem(b -> b.requestItems(asked)));
                answer.responses()
                        .getOrDefault(customersTable, List.of())
                        .forEach(item -> unknown.remove(item.get("customerId").s()));
                request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return unknown.size();
    }
}
