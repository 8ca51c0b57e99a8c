package dev.selektor.authoring.dynamo;

import dev.selektor.authoring.AuditEntry;
import dev.selektor.authoring.Draft;
import dev.selektor.authoring.LiveVersion;
import dev.selektor.authoring.ModelStore;
import dev.selektor.authoring.PublishedVersion;
import dev.selektor.authoring.TestReport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import dev.selektor.storage.dynamo.TransactWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    private String t(dev.selektor.storage.dynamo.TableSpec spec) {
        return tables.name(spec);
    }

    @Override
    public Optional<LiveVersion> live(String name) {
        var response = DynamoCalls.call("reading the live version of " + name, () -> dynamo.getItem(b -> b
                .tableName(t(Tables.DECISION_MODELS)).consistentRead(true).key(Map.of("name", AttributeValue.fromS(name)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(liveFrom(response.item())) : Optional.empty();
    }

    @Override
    public List<LiveVersion> allLive() {
        return DynamoCalls.call("listing decision models", () -> dynamo
                .scanPaginator(b -> b.tableName(t(Tables.DECISION_MODELS)).consistentRead(true))
                .items().stream().map(DynamoModelStore::liveFrom).sorted(Comparator.comparing(LiveVersion::name)).toList());
    }

    @Override
    public List<PublishedVersion> versions(String name) {
        return DynamoCalls.call("listing versions of " + name, () -> dynamo
                .queryPaginator(b -> b.tableName(t(Tables.DECISION_MODEL_VERSIONS)).consistentRead(true)
                        .keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name))))
                .items().stream().map(DynamoModelStore::versionFrom).toList());
    }

    @Override
    public Optional<PublishedVersion> version(String name, int seq) {
        var response = DynamoCalls.call("reading version " + seq + " of " + name, () -> dynamo.getItem(b -> b
                .tableName(t(Tables.DECISION_MODEL_VERSIONS)).consistentRead(true)
                .key(Map.of("name", AttributeValue.fromS(name), "seq", AttributeValue.fromS(seqKey(seq))))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(versionFrom(response.item())) : Optional.empty();
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
                TransactWriteItem.builder().put(Put.builder().tableName(t(Tables.DECISION_MODEL_VERSIONS)).item(item)
                        .conditionExpression("attribute_not_exists(seq)").build()).build(),
                pointer(new LiveVersion(version.name(), version.seq(), version.version(), version.publishedAt(), entry.user()), expectedLive),
                auditPut(entry));
        return TransactWrites.writeAll(dynamo, writes, "publishing version " + version.seq() + " of " + version.name());
    }

    @Override
    public boolean activate(LiveVersion next, int expectedLive, AuditEntry entry) {
        return TransactWrites.writeAll(dynamo, List.of(pointer(next, Optional.of(expectedLive)), auditPut(entry)),
                "activating version " + next.seq() + " of " + next.name());
    }

    private TransactWriteItem pointer(LiveVersion live, Optional<Integer> expected) {
        Put.Builder put = Put.builder().tableName(t(Tables.DECISION_MODELS)).item(Map.of(
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
        return TransactWriteItem.builder().put(Put.builder().tableName(t(Tables.DECISION_MODEL_AUDIT)).item(auditItem(entry)).build()).build();
    }

    @Override
    public void saveDraft(Draft draft, AuditEntry entry) {
        TransactWrites.writeAll(dynamo, List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(t(Tables.DECISION_MODEL_DRAFTS)).item(draftItem(draft)).build()).build(),
                auditPut(entry)), "saving a draft of " + draft.name());
    }

    @Override
    public void updateDraft(Draft draft) {
        DynamoCalls.run("updating draft " + draft.draftId(), () -> dynamo.putItem(b -> b
                .tableName(t(Tables.DECISION_MODEL_DRAFTS)).item(draftItem(draft))));
    }

    @Override
    public Optional<Draft> draft(String name, String draftId) {
        var response = DynamoCalls.call("reading draft " + draftId, () -> dynamo.getItem(b -> b
                .tableName(t(Tables.DECISION_MODEL_DRAFTS)).consistentRead(true)
                .key(Map.of("name", AttributeValue.fromS(name), "draftId", AttributeValue.fromS(draftId)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(draftFrom(response.item())) : Optional.empty();
    }

    @Override
    public List<Draft> drafts(String name) {
        return DynamoCalls.call("listing drafts of " + name, () -> dynamo
                .queryPaginator(b -> b.tableName(t(Tables.DECISION_MODEL_DRAFTS)).consistentRead(true)
                        .keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name))))
                .items().stream().map(this::draftFrom).sorted(Comparator.comparing(Draft::createdAt)).toList());
    }

    @Override
    public List<AuditEntry> audit(String name) {
        return DynamoCalls.call("reading the audit trail of " + name, () -> dynamo
                .queryPaginator(b -> b.tableName(t(Tables.DECISION_MODEL_AUDIT)).consistentRead(true)
                        .keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name))))
                .items().stream().map(DynamoModelStore::auditFrom).toList());
    }

    private static String seqKey(int seq) {
        return String.format("%06d", seq);
    }

    private static LiveVersion liveFrom(Map<String, AttributeValue> item) {
        return new LiveVersion(item.get("name").s(), Integer.parseInt(item.get("liveSeq").n()), item.get("liveVersion").s(),
                Instant.parse(item.get("since").s()), item.get("by").s());
    }

    private static PublishedVersion versionFrom(Map<String, AttributeValue> item) {
        return new PublishedVersion(item.get("name").s(), Integer.parseInt(item.get("seq").s()), item.get("version").s(),
                item.get("author").s(), Instant.parse(item.get("publishedAt").s()), item.get("origin").s(),
                Optional.ofNullable(item.get("reason")).map(AttributeValue::s), item.get("content").b().asByteArray());
    }

    private Map<String, AttributeValue> draftItem(Draft d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("name", AttributeValue.fromS(d.name()));
        item.put("draftId", AttributeValue.fromS(d.draftId()));
        item.put("author", AttributeValue.fromS(d.author()));
        item.put("createdAt", AttributeValue.fromS(d.createdAt().toString()));
        d.baseVersion().ifPresent(v -> item.put("baseVersion", AttributeValue.fromS(v)));
        item.put("version", AttributeValue.fromS(d.version()));
        item.put("content", AttributeValue.fromB(SdkBytes.fromByteArray(d.content())));
        item.put("warnings", AttributeValue.fromL(d.warnings().stream().map(AttributeValue::fromS).toList()));
        d.lastTests().ifPresent(t -> item.put("lastTests", AttributeValue.fromS(write(t))));
        d.publishedAs().ifPresent(s -> item.put("publishedAs", AttributeValue.fromN(Integer.toString(s))));
        return item;
    }

    private Draft draftFrom(Map<String, AttributeValue> item) {
        return new Draft(item.get("name").s(), item.get("draftId").s(), item.get("author").s(),
                Instant.parse(item.get("createdAt").s()), Optional.ofNullable(item.get("baseVersion")).map(AttributeValue::s),
                item.get("version").s(), item.get("content").b().asByteArray(),
                item.get("warnings").l().stream().map(AttributeValue::s).toList(),
                Optional.ofNullable(item.get("lastTests")).map(v -> read(v.s())),
                Optional.ofNullable(item.get("publishedAs")).map(v -> Integer.parseInt(v.n())));
    }

    private static Map<String, AttributeValue> auditItem(AuditEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("name", AttributeValue.fromS(e.name()));
        item.put("at", AttributeValue.fromS(e.at() + "#" + UUID.randomUUID()));
        item.put("action", AttributeValue.fromS(e.action()));
        item.put("user", AttributeValue.fromS(e.user()));
        e.fromVersion().ifPresent(v -> item.put("fromVersion", AttributeValue.fromS(v)));
        e.toVersion().ifPresent(v -> item.put("toVersion", AttributeValue.fromS(v)));
        e.draftId().ifPresent(v -> item.put("draftId", AttributeValue.fromS(v)));
        item.put("changedRows", AttributeValue.fromL(e.changedRows().stream().map(AttributeValue::fromS).toList()));
        e.reason().ifPresent(v -> item.put("reason", AttributeValue.fromS(v)));
        return item;
    }

    private static AuditEntry auditFrom(Map<String, AttributeValue> item) {
        String at = item.get("at").s();
        return new AuditEntry(item.get("name").s(), Instant.parse(at.substring(0, at.indexOf('#'))), item.get("action").s(),
                item.get("user").s(), Optional.ofNullable(item.get("fromVersion")).map(AttributeValue::s),
                Optional.ofNullable(item.get("toVersion")).map(AttributeValue::s),
                Optional.ofNullable(item.get("draftId")).map(AttributeValue::s),
                item.get("changedRows").l().stream().map(AttributeValue::s).toList(),
                Optional.ofNullable(item.get("reason")).map(AttributeValue::s));
    }

    private String write(TestReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store a test report", e);
        }
    }

    private TestReport read(String text) {
        try {
            return json.readValue(text, TestReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored test report cannot be read", e);
        }
    }
}
