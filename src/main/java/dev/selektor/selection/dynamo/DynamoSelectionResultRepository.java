package dev.selektor.selection.dynamo;

import dev.selektor.decision.Outcome;
import dev.selektor.outbox.PendingEvent;
import dev.selektor.outbox.dynamo.DynamoOutboxRepository;
import dev.selektor.selection.CapRank;
import dev.selektor.selection.SelectionResult;
import dev.selektor.selection.SelectionResultRepository;
import dev.selektor.storage.dynamo.BatchWrites;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import dev.selektor.storage.dynamo.TransactWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Results in {@code selection-results}: partition key run, sort key customer (idempotent writes, paging a run in
 * customer order); the index {@code by-customer} (customer, runDate#runId) serves a customer's history and the
 * contact-pressure window.
 */
@ApplicationScoped
public class DynamoSelectionResultRepository implements SelectionResultRepository {
    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    private String table() {
        return tables.name(Tables.SELECTION_RESULTS);
    }

    @Override
    public void saveAll(Collection<SelectionResult> results) {
        List<WriteRequest> writes = new ArrayList<>(results.size());
        for (SelectionResult r : results) {
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(toItem(r)).build())
                    .build());
        }
        write(writes, "storing " + results.size() + " results");
    }

    @Override
    public void saveWithEvents(List<SelectionResult> results, List<PendingEvent> events) {
        if (results.size() > MAX_WITH_EVENTS || events.size() > MAX_WITH_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_WITH_EVENTS + " results with events per write");
        }
        List<TransactWriteItem> items = new ArrayList<>(results.size() + events.size());
        for (SelectionResult r : results) {
            items.add(TransactWriteItem.builder()
                    .put(Put.builder().tableName(table()).item(toItem(r)).build())
                    .build());
        }
        String outbox = tables.name(Tables.OUTBOX);
        for (PendingEvent e : events) {
            items.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(outbox)
                            .item(DynamoOutboxRepository.toItem(e))
                            .build())
                    .build());
        }
        TransactWrites.writeAll(dynamo, items, "storing " + results.size() + " selected customers with their events");
    }

    private void write(List<WriteRequest> writes, String what) {
        BatchWrites.writeAll(dynamo, table(), writes, what);
    }

    @Override
    public void forEachOfRun(String runId, Consumer<SelectionResult> action) {
        DynamoCalls.run(
                "reading results of run " + runId,
                () -> dynamo.queryPaginator(b -> b.tableName(table())
                                .consistentRead(true)
                                .limit(1_000)
                                .keyConditionExpression("runId = :r")
                                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(runId))))
                        .items()
                        .forEach(item -> action.accept(fromItem(item))));
    }

    @Override
    public Page pageOfRun(String runId, Optional<String> after, int limit, boolean selectedOnly) {
        List<SelectionResult> found = new ArrayList<>(limit);
        Optional<String> cursor = after;
        // A filtered query page may hold fewer matches than asked; read on until the page is full or the run ends.
        while (found.size() < limit) {
            Optional<String> from = cursor;
            int want = limit - found.size();
            var response = DynamoCalls.call(
                    "reading results of run " + runId,
                    () -> dynamo.query(b -> {
                        Map<String, AttributeValue> values = new HashMap<>();
                        values.put(":r", AttributeValue.fromS(runId));
                        b.tableName(table())
                                .consistentRead(true)
                                .keyConditionExpression("runId = :r")
                                .limit(selectedOnly ? 500 : want);
                        if (selectedOnly) {
                            b.filterExpression("outcome = :s");
                            values.put(":s", AttributeValue.fromS(Outcome.Kind.SELECTED.name()));
                        }
                        b.expressionAttributeValues(values);
                        from.ifPresent(k -> b.exclusiveStartKey(
                                Map.of("runId", AttributeValue.fromS(runId), "customerId", AttributeValue.fromS(k))));
                    }));
            for (Map<String, AttributeValue> item : response.items()) {
                if (found.size() == limit) {
                    return new Page(
                            found, Optional.of(found.get(found.size() - 1).customerId()));
                }
                found.add(fromItem(item));
            }
            boolean more = response.hasLastEvaluatedKey()
                    && !response.lastEvaluatedKey().isEmpty();
            if (!more) {
                return new Page(found, Optional.empty());
            }
            cursor = Optional.of(response.lastEvaluatedKey().get("customerId").s());
        }
        return new Page(
                found,
                found.isEmpty()
                        ? Optional.empty()
                        : Optional.of(found.get(found.size() - 1).customerId()));
    }

    @Override
    public List<SelectionResult> ofCustomer(String customerId) {
        return DynamoCalls.call(
                "reading results of customer " + customerId,
                () -> dynamo
                        .queryPaginator(b -> b.tableName(table())
                                .indexName(Tables.RESULTS_BY_CUSTOMER)
                                .scanIndexForward(false)
                                .keyConditionExpression("customerId = :c")
                                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId))))
                        .items()
                        .stream()
                        .map(DynamoSelectionResultRepository::fromItem)
                        .toList());
    }

    @Override
    public List<SelectionResult> ofCustomerBetween(String customerId, LocalDate from, LocalDate toExclusive) {
        // runKey is "runDate#runId": every key of a day sorts between "day" and "day#\uffff".
        String last = toExclusive.minusDays(1) + "#\uffff";
        return DynamoCalls.call(
                "reading recent results of customer " + customerId,
                () -> dynamo
                        .queryPaginator(b -> b.tableName(table())
                                .indexName(Tables.RESULTS_BY_CUSTOMER)
                                .keyConditionExpression("customerId = :c AND runKey BETWEEN :from AND :to")
                                .expressionAttributeValues(Map.of(
                                        ":c",
                                        AttributeValue.fromS(customerId),
                                        ":from",
                                        AttributeValue.fromS(from.toString()),
                                        ":to",
                                        AttributeValue.fromS(last))))
                        .items()
                        .stream()
                        .map(DynamoSelectionResultRepository::fromItem)
                        .toList());
    }

    @Override
    public void deleteAllOfCustomer(String customerId) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (SelectionResult r : ofCustomer(customerId)) {
            deletes.add(WriteRequest.builder()
                    .deleteRequest(DeleteRequest.builder()
                            .key(Map.of(
                                    "runId",
                                    AttributeValue.fromS(r.runId()),
                                    "customerId",
                                    AttributeValue.fromS(customerId)))
                            .build())
                    .build());
            if (deletes.size() == MAX_BATCH) {
                write(deletes, "erasing results of customer " + customerId);
                deletes = new ArrayList<>();
            }
        }
        if (!deletes.isEmpty()) {
            write(deletes, "erasing results of customer " + customerId);
        }
    }

    static Map<String, AttributeValue> toItem(SelectionResult r) {
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put("runId", AttributeValue.fromS(r.runId()));
        item.put("customerId", AttributeValue.fromS(r.customerId()));
        item.put("runKey", AttributeValue.fromS(r.runDate() + "#" + r.runId()));
        item.put("campaignId", AttributeValue.fromS(r.campaignId()));
        item.put("runDate", AttributeValue.fromS(r.runDate().toString()));
        item.put("outcome", AttributeValue.fromS(r.outcome().name()));
        item.put("discountPercent", AttributeValue.fromN(r.discountPercent().toPlainString()));
        item.put("reason", AttributeValue.fromS(r.reason()));
        item.put("reasonSource", AttributeValue.fromS(r.reasonSource().name()));
        item.put("modelVersion", AttributeValue.fromS(r.modelVersion()));
        r.rank().ifPresent(rank -> {
            item.put("priority", AttributeValue.fromN(rank.priority().toPlainString()));
            item.put("rankHash", AttributeValue.fromN(Long.toString(rank.hash())));
        });
        r.explanation().ifPresent(why -> item.put("why", AttributeValue.fromS(StoredExplanations.write(why))));
        return item;
    }

    static SelectionResult fromItem(Map<String, AttributeValue> item) {
        Optional<CapRank> rank = item.containsKey("priority")
                ? Optional.of(new CapRank(
                        new BigDecimal(item.get("priority").n()),
                        Long.parseLong(item.get("rankHash").n())))
                : Optional.empty();
        return new SelectionResult(
                item.get("runId").s(),
                item.get("customerId").s(),
                item.get("campaignId").s(),
                LocalDate.parse(item.get("runDate").s()),
                Outcome.Kind.valueOf(item.get("outcome").s()),
                new BigDecimal(item.get("discountPercent").n()),
                item.get("reason").s(),
                Outcome.ReasonSource.valueOf(item.get("reasonSource").s()),
                item.get("modelVersion").s(),
                rank,
                StoredExplanations.read(
                        item.containsKey("why") ? item.get("why").s() : null));
    }
}
