package dev.selektor.authoring.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.authoring.AuditEntry;
import dev.selektor.authoring.Draft;
import dev.selektor.authoring.LiveVersion;
import dev.selektor.authoring.PublishedVersion;
import dev.selektor.authoring.TestReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The model store's items and the values they hold, one way each. */
final class ModelItems {
    private final ObjectMapper json;

    ModelItems(ObjectMapper json) {
        this.json = json;
    }

    static LiveVersion liveFrom(Map<String, AttributeValue> item) {
        return new LiveVersion(
                item.get("name").s(),
                Integer.parseInt(item.get("liveSeq").n()),
                item.get("liveVersion").s(),
                Instant.parse(item.get("since").s()),
                item.get("by").s());
    }

    static PublishedVersion versionFrom(Map<String, AttributeValue> item) {
        return new PublishedVersion(
                item.get("name").s(),
                Integer.parseInt(item.get("seq").s()),
                item.get("version").s(),
                item.get("author").s(),
                Instant.parse(item.get("publishedAt").s()),
                item.get("origin").s(),
                Optional.ofNullable(item.get("reason")).map(AttributeValue::s),
                item.get("content").b().asByteArray());
    }

    Map<String, AttributeValue> draftItem(Draft d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("name", AttributeValue.fromS(d.name()));
        item.put("draftId", AttributeValue.fromS(d.draftId()));
        item.put("author", AttributeValue.fromS(d.author()));
        item.put("createdAt", AttributeValue.fromS(d.createdAt().toString()));
        d.baseVersion().ifPresent(v -> item.put("baseVersion", AttributeValue.fromS(v)));
        item.put("version", AttributeValue.fromS(d.version()));
        item.put("content", AttributeValue.fromB(SdkBytes.fromByteArray(d.content())));
        item.put(
                "warnings",
                AttributeValue.fromL(
                        d.warnings().stream().map(AttributeValue::fromS).toList()));
        d.lastTests().ifPresent(t -> item.put("lastTests", AttributeValue.fromS(write(t))));
        d.publishedAs().ifPresent(s -> item.put("publishedAs", AttributeValue.fromN(Integer.toString(s))));
        return item;
    }

    Draft draftFrom(Map<String, AttributeValue> item) {
        return new Draft(
                item.get("name").s(),
                item.get("draftId").s(),
                item.get("author").s(),
                Instant.parse(item.get("createdAt").s()),
                Optional.ofNullable(item.get("baseVersion")).map(AttributeValue::s),
                item.get("version").s(),
                item.get("content").b().asByteArray(),
                item.get("warnings").l().stream().map(AttributeValue::s).toList(),
                Optional.ofNullable(item.get("lastTests")).map(v -> read(v.s())),
                Optional.ofNullable(item.get("publishedAs")).map(v -> Integer.parseInt(v.n())));
    }

    static Map<String, AttributeValue> auditItem(AuditEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("name", AttributeValue.fromS(e.name()));
        item.put("at", AttributeValue.fromS(e.at() + "#" + UUID.randomUUID()));
        item.put("action", AttributeValue.fromS(e.action()));
        item.put("user", AttributeValue.fromS(e.user()));
        e.fromVersion().ifPresent(v -> item.put("fromVersion", AttributeValue.fromS(v)));
        e.toVersion().ifPresent(v -> item.put("toVersion", AttributeValue.fromS(v)));
        e.draftId().ifPresent(v -> item.put("draftId", AttributeValue.fromS(v)));
        item.put(
                "changedRows",
                AttributeValue.fromL(
                        e.changedRows().stream().map(AttributeValue::fromS).toList()));
        e.reason().ifPresent(v -> item.put("reason", AttributeValue.fromS(v)));
        return item;
    }

    static AuditEntry auditFrom(Map<String, AttributeValue> item) {
        String at = item.get("at").s();
        return new AuditEntry(
                item.get("name").s(),
                Instant.parse(at.substring(0, at.indexOf('#'))),
                item.get("action").s(),
                item.get("user").s(),
                Optional.ofNullable(item.get("fromVersion")).map(AttributeValue::s),
                Optional.ofNullable(item.get("toVersion")).map(AttributeValue::s),
                Optional.ofNullable(item.get("draftId")).map(AttributeValue::s),
                item.get("changedRows").l().stream().map(AttributeValue::s).toList(),
                Optional.ofNullable(item.get("reason")).map(AttributeValue::s));
    }

    String write(TestReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store a test report", e);
        }
    }

    TestReport read(String text) {
        try {
            return json.readValue(text, TestReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored test report cannot be read", e);
        }
    }
}
