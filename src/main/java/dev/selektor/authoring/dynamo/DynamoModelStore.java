package dev.selektor.authoring.dynamo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.authoring.AuditEntry;
import dev.selektor.authoring.Draft;
import dev.selektor.authoring.LiveVersion;
import dev.selektor.authoring.ModelStore;
import dev.selektor.authoring.PublishedVersion;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.TableSpec;
import dev.selektor.storage.dynamo.Tables;
import dev.selektor.storage.dynamo.TransactWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Four tables: {@code decision-models} (the live pointer per model), {@code decision-model-versions} (name, seq),
 * {@code decision-model-drafts} (name, draftId) and {@code decision-model-audit} (name, time#id). Publishing and
 * activating are transactions whose condition is the live pointer the caller saw, so two approvers acting at once
 * cannot both win.
 */
@ApplicationScoped
public class DynamoModelStore implements ModelStore {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @Inject
    ObjectMapper json;

    private ModelItems items;

    @jakarta.annotation.PostConstruct
    void init() {
        items = new ModelItems(json);
    }

    private String t(TableSpec spec) {
        return tables.name(spec);
    }

    @Override
    public Optional<LiveVersion> live(String name) {
        var response = DynamoCalls.call(
                "reading the live version of " + name,
                () -> dynamo.getItem(b -> b.tableName(t(Tables.DECISION_MODELS))
                        .consistentRead(true)
                        .key(Map.of("name", AttributeValue.fromS(name)))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ModelItems.liveFrom(response.item()))
                : Optional.empty();
    }

    @Override
    public List<LiveVersion> allLive() {
        return DynamoCalls.call(
                "listing decision models",
                () ->
                        dynamo
                                .scanPaginator(b ->
                                        b.tableName(t(Tables.DECISION_MODELS)).consistentRead(true))
                                .items()
                                .stream()
                                .map(ModelItems::liveFrom)
                                .sorted(Comparator.comparing(LiveVersion::name))
                                .toList());
    }

    @Override
    public List<PublishedVersion> versions(String name) {
        return DynamoCalls.call(
                "listing versions of " + name,
                () -> byName(Tables.DECISION_MODEL_VERSIONS, name)
                        .map(ModelItems::versionFrom)
                        .toList());
    }

    @Override
    public Optional<PublishedVersion> version(String name, int seq) {
        var response = DynamoCalls.call(
                "reading version " + seq + " of " + name,
                () -> dynamo.getItem(b -> b.tableName(t(Tables.DECISION_MODEL_VERSIONS))
                        .consistentRead(true)
                        .key(Map.of("name", AttributeValue.fromS(name), "seq", AttributeValue.fromS(seqKey(seq))))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ModelItems.versionFrom(response.item()))
                : Optional.empty();
    }

    @Override
    public boolean publish(PublishedVersion version, Optional<Integer> expectedLive, AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("name", AttributeValue.fromS(version.name()));
        item.put("seq", AttributeValue.fromS(seqKey(version.seq())));
        item.put("version", AttributeValue.fromS(version.version()));
        item.put("author", AttributeValue.fromS(version.author()));
        item.put("publishedAt", AttributeValue.fromS(version.publishedAt().toString()));
        item.put("origin", AttributeValue.fromS(version.origin()));
        version.reason().ifPresent(r -> item.put("reason", AttributeValue.fromS(r)));
        item.put("content", AttributeValue.fromB(SdkBytes.fromByteArray(version.content())));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(t(Tables.DECISION_MODEL_VERSIONS))
                                .item(item)
                                .conditionExpression("attribute_not_exists(seq)")
                                .build())
                        .build(),
                pointer(
                        new LiveVersion(
                                version.name(), version.seq(), version.version(), version.publishedAt(), entry.user()),
                        expectedLive),
                auditPut(entry));
        return TransactWrites.writeAll(dynamo, writes, "publishing version " + version.seq() + " of " + version.name());
    }

    @Override
    public boolean activate(LiveVersion next, int expectedLive, AuditEntry entry) {
        return TransactWrites.writeAll(
                dynamo,
                List.of(pointer(next, Optional.of(expectedLive)), auditPut(entry)),
                "activating version " + next.seq() + " of " + next.name());
    }

    private TransactWriteItem pointer(LiveVersion live, Optional<Integer> expected) {
        Put.Builder put = Put.builder()
                .tableName(t(Tables.DECISION_MODELS))
                .item(Map.of(
                        "name", AttributeValue.fromS(live.name()),
                        "liveSeq", AttributeValue.fromN(Integer.toString(live.seq())),
                        "liveVersion", AttributeValue.fromS(live.version()),
                        "since", AttributeValue.fromS(live.since().toString()),
                        "by", AttributeValue.fromS(live.by())));
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(#n)").expressionAttributeNames(Map.of("#n", "name"));
        } else {
            put.conditionExpression("liveSeq = :seen")
                    .expressionAttributeValues(Map.of(":seen", AttributeValue.fromN(Integer.toString(expected.get()))));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem auditPut(AuditEntry entry) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(t(Tables.DECISION_MODEL_AUDIT))
                        .item(ModelItems.auditItem(entry))
                        .build())
                .build();
    }

    @Override
    public void checkDraftFits(Draft draft) {
        DraftItemLimit.checkContent(draft, items.draftItem(draft));
    }

    @Override
    public void saveDraft(Draft draft, AuditEntry entry) {
        Map<String, AttributeValue> item = items.draftItem(draft);
        DraftItemLimit.checkNew(draft, item, ModelItems.auditItem(entry));
        TransactWrites.writeAll(
                dynamo,
                List.of(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(t(Tables.DECISION_MODEL_DRAFTS))
                                        .item(item)
                                        .build())
                                .build(),
                        auditPut(entry)),
                "saving a draft of " + draft.name());
    }

    @Override
    public void updateDraft(Draft draft) {
        Map<String, AttributeValue> item = items.draftItem(draft);
        DraftItemLimit.checkUpdate(item);
        DynamoCalls.run(
                "updating draft " + draft.draftId(),
                () -> dynamo.putItem(
                        b -> b.tableName(t(Tables.DECISION_MODEL_DRAFTS)).item(item)));
    }

    @Override
    public Optional<Draft> draft(String name, String draftId) {
        var response = DynamoCalls.call(
                "reading draft " + draftId,
                () -> dynamo.getItem(b -> b.tableName(t(Tables.DECISION_MODEL_DRAFTS))
                        .consistentRead(true)
                        .key(Map.of("name", AttributeValue.fromS(name), "draftId", AttributeValue.fromS(draftId)))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(items.draftFrom(response.item()))
                : Optional.empty();
    }

    @Override
    public List<Draft> drafts(String name) {
        return DynamoCalls.call(
                "listing drafts of " + name,
                () -> byName(Tables.DECISION_MODEL_DRAFTS, name)
                        .map(items::draftFrom)
                        .sorted(Comparator.comparing(Draft::createdAt))
                        .toList());
    }

    @Override
    public List<AuditEntry> audit(String name) {
        return DynamoCalls.call(
                "reading the audit trail of " + name,
                () -> byName(Tables.DECISION_MODEL_AUDIT, name)
                        .map(ModelItems::auditFrom)
                        .toList());
    }

    /** Every item of one model in a table keyed by (name, ...), read consistently. */
    private java.util.stream.Stream<Map<String, AttributeValue>> byName(TableSpec table, String name) {
        return dynamo
                .queryPaginator(b -> b.tableName(t(table))
                        .consistentRead(true)
                        .keyConditionExpression("#n = :n")
                        .expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name))))
                .items()
                .stream();
    }

    private static String seqKey(int seq) {
        return String.format("%06d", seq);
    }
}
