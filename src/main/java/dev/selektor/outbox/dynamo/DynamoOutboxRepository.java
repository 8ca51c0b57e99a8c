package dev.selektor.outbox.dynamo;

import dev.selektor.outbox.OutboxRepository;
import dev.selektor.outbox.PendingEvent;
import dev.selektor.storage.dynamo.BatchWrites;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The outbox table {@code outbox}, keyed by event id; it holds only unsent events, so a scan finds the pending. */
@ApplicationScoped
public class DynamoOutboxRepository implements OutboxRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    private String table() {
        return tables.name(Tables.OUTBOX);
    }

    /** The outbox item of an event, for the transaction that stores it with its result. */
    public static Map<String, AttributeValue> toItem(PendingEvent event) {
        return Map.of(
                "eventId",
                AttributeValue.fromS(event.eventId()),
                "customerId",
                AttributeValue.fromS(event.customerId()),
                "payload",
                AttributeValue.fromS(event.json()));
    }

    @Override
    public List<PendingEvent> pending(int limit) {
        var response = DynamoCalls.call(
                "reading the outbox",
                () -> dynamo.scan(b -> b.tableName(table()).limit(limit)));
        return response.items().stream()
                .map(item -> new PendingEvent(
                        item.get("eventId").s(),
                        item.get("customerId").s(),
                        item.get("payload").s()))
                .toList();
    }

    @Override
    public void markSent(Collection<String> eventIds) {
        delete(eventIds, "marking " + eventIds.size() + " events sent");
    }

    @Override
    public void discard(Collection<String> eventIds) {
        delete(eventIds, "discarding " + eventIds.size() + " unsent events");
    }

    private void delete(Collection<String> eventIds, String what) {
        List<WriteRequest> deletes = new ArrayList<>(BatchWrites.MAX_BATCH);
        for (String id : eventIds) {
            deletes.add(WriteRequest.builder()
                    .deleteRequest(DeleteRequest.builder()
                            .key(Map.of("eventId", AttributeValue.fromS(id)))
                            .build())
                    .build());
            if (deletes.size() == BatchWrites.MAX_BATCH) {
                BatchWrites.writeAll(dynamo, table(), deletes, what);
                deletes = new ArrayList<>(BatchWrites.MAX_BATCH);
            }
        }
        if (!deletes.isEmpty()) {
            BatchWrites.writeAll(dynamo, table(), deletes, what);
        }
    }

    @Override
    public long countPending() {
        return count("counting the outbox", scan -> {});
    }

    /** The run id is a UUID inside each event's payload, so a filter on the payload finds the run's events. */
    @Override
    public long countPending(String runId) {
        return count(
                "counting the outbox for run " + runId,
                scan -> scan.filterExpression("contains(payload, :run)")
                        .expressionAttributeValues(Map.of(":run", AttributeValue.fromS("\"" + runId + "\""))));
    }

    private long count(String what, Consumer<ScanRequest.Builder> filter) {
        return DynamoCalls.call(
                what,
                () -> dynamo
                        .scanPaginator(b -> {
                            b.tableName(table()).select(Select.COUNT).limit(5_000);
                            filter.accept(b);
                        })
                        .stream()
                        .mapToLong(page -> page.count())
                        .sum());
    }
}
