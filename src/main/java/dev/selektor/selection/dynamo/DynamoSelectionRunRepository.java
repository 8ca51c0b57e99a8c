package dev.selektor.selection.dynamo;

import dev.selektor.selection.SegmentLease;
import dev.selektor.selection.SegmentProgress;
import dev.selektor.selection.SelectionRun;
import dev.selektor.selection.SelectionRunRepository;
import dev.selektor.storage.dynamo.BatchWrites;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Runs in {@code selection-runs} (one item each) and checkpoints in {@code selection-segments} (run, segment). */
@ApplicationScoped
public class DynamoSelectionRunRepository implements SelectionRunRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @Override
    public void create(SelectionRun run, Optional<SegmentLease> lease) {
        List<WriteRequest> segments = new ArrayList<>();
        for (int s = 0; s < run.segments(); s++) {
            segments.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder()
                            .item(toItem(SegmentProgress.start(run.runId(), s, lease)))
                            .build())
                    .build());
        }
        for (int from = 0; from < segments.size(); from += BatchWrites.MAX_BATCH) {
            BatchWrites.writeAll(
                    dynamo,
                    tables.name(Tables.SELECTION_SEGMENTS),
                    segments.subList(from, Math.min(from + BatchWrites.MAX_BATCH, segments.size())),
                    "creating segments of run " + run.runId());
        }
        // The run item comes last: a run that exists always has all its segments.
        update(run);
    }

    @Override
    public void update(SelectionRun run) {
        DynamoCalls.run(
                "storing run " + run.runId(),
                () -> dynamo.putItem(
                        b -> b.tableName(tables.name(Tables.SELECTION_RUNS)).item(toItem(run))));
    }

    @Override
    public Optional<SelectionRun> find(String runId) {
        var response = DynamoCalls.call(
                "reading run " + runId,
                () -> dynamo.getItem(b -> b.tableName(tables.name(Tables.SELECTION_RUNS))
                        .key(Map.of("runId", AttributeValue.fromS(runId)))
                        .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(runFromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public List<SelectionRun> findAll() {
        return DynamoCalls.call(
                "listing runs",
                () -> dynamo
                        .scanPaginator(b ->
                                b.tableName(tables.name(Tables.SELECTION_RUNS)).consistentRead(true))
                        .items()
                        .stream()
                        .map(DynamoSelectionRunRepository::runFromItem)
                        .toList());
    }

    @Override
    public List<SegmentProgress> segments(String runId) {
        return DynamoCalls.call(
                "reading segments of run " + runId,
                () -> dynamo
                        .queryPaginator(b -> b.tableName(tables.name(Tables.SELECTION_SEGMENTS))
                                .consistentRead(true)
                                .keyConditionExpression("runId = :r")
                                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(runId))))
                        .items()
                        .stream()
                        .map(DynamoSelectionRunRepository::segmentFromItem)
                        .toList());
    }

    @Override
    public boolean checkpoint(SegmentProgress progress) {
        String what = "checkpointing run " + progress.runId() + " segment " + progress.segment();
        try {
            DynamoCalls.run(
                    what,
                    () -> dynamo.putItem(b -> {
                        b.tableName(tables.name(Tables.SELECTION_SEGMENTS)).item(toItem(progress));
                        progress.lease()
                                .ifPresent(lease -> b.conditionExpression("leaseOwner = :o")
                                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(lease.owner()))));
                    }));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<SegmentProgress> claim(String runId, int segment, SegmentLease lease, Instant now) {
        try {
            var answer = DynamoCalls.call(
                    "taking run " + runId + " segment " + segment,
                    () -> dynamo.updateItem(b -> b.tableName(tables.name(Tables.SELECTION_SEGMENTS))
                            .key(Map.of(
                                    "runId", AttributeValue.fromS(runId),
                                    "segment", AttributeValue.fromS(segmentKey(segment))))
                            .updateExpression("SET leaseOwner = :o, leaseUntil = :u")
                            .conditionExpression(
                                    "attribute_exists(runId) AND #d = :no AND (attribute_not_exists(leaseUntil)"
                                            + " OR leaseUntil < :now OR leaseOwner = :o)")
                            .expressionAttributeNames(Map.of("#d", "done"))
                            .expressionAttributeValues(Map.of(
                                    ":o", AttributeValue.fromS(lease.owner()),
                                    ":u",
                                            AttributeValue.fromN(
                                                    Long.toString(lease.until().toEpochMilli())),
                                    ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                                    ":no", AttributeValue.fromBool(false)))
                            .returnValues(ReturnValue.ALL_NEW)));
            return Optional.of(segmentFromItem(answer.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static String segmentKey(int segment) {
        return String.format("%05d", segment);
    }

    private static Map<String, AttributeValue> toItem(SelectionRun run) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("runId", AttributeValue.fromS(run.runId()));
        item.put("campaignId", AttributeValue.fromS(run.campaignId()));
        item.put("decisionModel", AttributeValue.fromS(run.decisionModel()));
        item.put("modelVersion", AttributeValue.fromS(run.modelVersion()));
        item.put("runDate", AttributeValue.fromS(run.runDate().toString()));
        item.put("segments", AttributeValue.fromN(Integer.toString(run.segments())));
        run.maxCustomers().ifPresent(m -> item.put("maxCustomers", AttributeValue.fromN(Integer.toString(m))));
        item.put("holdoutPercent", AttributeValue.fromN(Double.toString(run.holdoutPercent())));
        item.put("status", AttributeValue.fromS(run.status().name()));
        item.put("startedAt", AttributeValue.fromS(run.startedAt().toString()));
        run.finishedAt().ifPresent(f -> item.put("finishedAt", AttributeValue.fromS(f.toString())));
        run.failure().ifPresent(f -> item.put("failure", AttributeValue.fromS(f)));
        item.put("estimatedCustomers", AttributeValue.fromN(Long.toString(run.estimatedCustomers())));
        return item;
    }

    private static SelectionRun runFromItem(Map<String, AttributeValue> item) {
        return new SelectionRun(
                item.get("runId").s(),
                item.get("campaignId").s(),
                item.get("decisionModel").s(),
                item.get("modelVersion").s(),
                LocalDate.parse(item.get("runDate").s()),
                Integer.parseInt(item.get("segments").n()),
                Optional.ofNullable(item.get("maxCustomers")).map(v -> Integer.parseInt(v.n())),
                Double.parseDouble(item.get("holdoutPercent").n()),
                SelectionRun.Status.valueOf(item.get("status").s()),
                Instant.parse(item.get("startedAt").s()),
                Optional.ofNullable(item.get("finishedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("failure")).map(AttributeValue::s),
                Long.parseLong(item.get("estimatedCustomers").n()));
    }

    private static Map<String, AttributeValue> toItem(SegmentProgress p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("runId", AttributeValue.fromS(p.runId()));
        item.put("segment", AttributeValue.fromS(segmentKey(p.segment())));
        p.lease().ifPresent(lease -> {
            item.put("leaseOwner", AttributeValue.fromS(lease.owner()));
            item.put(
                    "leaseUntil",
                    AttributeValue.fromN(Long.toString(lease.until().toEpochMilli())));
        });
        p.lastKey().ifPresent(k -> item.put("lastKey", AttributeValue.fromS(k)));
        item.put("done", AttributeValue.fromBool(p.done()));
        item.put("processed", AttributeValue.fromN(Long.toString(p.counts().processed())));
        item.put("selected", AttributeValue.fromN(Long.toString(p.counts().selected())));
        item.put("heldOut", AttributeValue.fromN(Long.toString(p.counts().heldOut())));
        Map<String, AttributeValue> rejected = new HashMap<>();
        p.counts().rejected().forEach((reason, n) -> rejected.put(reason, AttributeValue.fromN(Long.toString(n))));
        item.put("rejected", AttributeValue.fromM(rejected));
        item.put(
                "modelErrors",
                AttributeValue.fromL(p.counts().modelErrors().stream()
                        .map(AttributeValue::fromS)
                        .toList()));
        item.put(
                "scanMillis",
                AttributeValue.fromN(Long.toString(p.counts().timings().scanMillis())));
        item.put(
                "evaluateMillis",
                AttributeValue.fromN(Long.toString(p.counts().timings().evaluateMillis())));
        item.put(
                "writeMillis",
                AttributeValue.fromN(Long.toString(p.counts().timings().writeMillis())));
        return item;
    }

    private static SegmentProgress segmentFromItem(Map<String, AttributeValue> item) {
        Map<String, Long> rejected = new TreeMap<>();
        item.get("rejected").m().forEach((reason, n) -> rejected.put(reason, Long.parseLong(n.n())));
        var counts = new SegmentProgress.Counts(
                Long.parseLong(item.get("processed").n()),
                Long.parseLong(item.get("selected").n()),
                Long.parseLong(item.get("heldOut").n()),
                Map.copyOf(rejected),
                item.get("modelErrors").l().stream().map(AttributeValue::s).toList(),
                new SegmentProgress.Timings(
                        millis(item, "scanMillis"), millis(item, "evaluateMillis"), millis(item, "writeMillis")));
        return new SegmentProgress(
                item.get("runId").s(),
                Integer.parseInt(item.get("segment").s()),
                Optional.ofNullable(item.get("lastKey")).map(AttributeValue::s),
                item.get("done").bool(),
                counts,
                Optional.ofNullable(item.get("leaseOwner"))
                        .map(owner -> new SegmentLease(
                                owner.s(),
                                Instant.ofEpochMilli(
                                        Long.parseLong(item.get("leaseUntil").n())))));
    }

    private static long millis(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }
}
