package dev.selektor.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The event that tells downstream systems (coupons, e-mail) that a customer was selected in a run. Its JSON form is
 * schema version {@value #SCHEMA_VERSION} as documented in the README; fields are only ever added within a version.
 *
 * @param eventId derived from run and customer, so that a replayed page or a resumed run cannot mint a second id
 */
public record CustomerSelected(
        String eventId,
        Instant occurredAt,
        String campaignId,
        String runId,
        LocalDate runDate,
        String customerId,
        BigDecimal discountPercent,
        String reason,
        String modelVersion) {

    public static final String TYPE = "CustomerSelected";
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CustomerSelected of(
            String campaignId,
            String runId,
            LocalDate runDate,
            String customerId,
            BigDecimal discountPercent,
            String reason,
            String modelVersion,
            Instant occurredAt) {
        return new CustomerSelected(
                eventIdOf(runId, customerId),
                occurredAt,
                campaignId,
                runId,
                runDate,
                customerId,
                discountPercent,
                reason,
                modelVersion);
    }

    /** A name-based UUID of (run, customer): the same pair gives the same id on every machine, every time. */
    public static String eventIdOf(String runId, String customerId) {
        return UUID.nameUUIDFromBytes((TYPE + "/" + runId + "/" + customerId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", TYPE);
        node.put("schemaVersion", SCHEMA_VERSION);
        node.put("eventId", eventId);
        node.put("occurredAt", occurredAt.toString());
        node.put("campaignId", campaignId);
        node.put("runId", runId);
        node.put("runDate", runDate.toString());
        node.put("customerId", customerId);
        BigDecimal discount = discountPercent.stripTrailingZeros();
        node.put("discountPercent", discount.scale() < 0 ? discount.setScale(0) : discount);
        node.put("reason", reason);
        node.put("modelVersion", modelVersion);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + eventId + " as JSON", e);
        }
    }
}
