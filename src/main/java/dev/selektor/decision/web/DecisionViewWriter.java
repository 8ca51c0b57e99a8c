package dev.selektor.decision.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.decision.model.convention.MatchedRule;
import jakarta.inject.Inject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes the decision answer field by field instead of through Jackson's reflective bean serializers: checkout
 * asks for one on every page view, and the generic writer was the largest single cost of answering it after the
 * HTTP stack. The bytes are the ones {@link ObjectMapper#writeValueAsBytes} gives for the same view (same field
 * order, same number and date forms, the application's mapper settings), which {@code DecisionViewWriterTest}
 * checks; values of a kind not written here are handed to that mapper.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class DecisionViewWriter implements ServerMessageBodyWriter<DecisionView> {

    @Inject
    ObjectMapper mapper;

    public DecisionViewWriter() {}

    DecisionViewWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return type == DecisionView.class;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == DecisionView.class;
    }

    @Override
    public void writeResponse(DecisionView view, Type genericType, ServerRequestContext context) throws IOException {
        write(view, context.getOrCreateOutputStream());
    }

    @Override
    public void writeTo(
            DecisionView view,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        write(view, out);
    }

    /** Writes the view as JSON and closes {@code out}, as Jackson's own writer does. */
    void write(DecisionView view, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("campaignId", view.campaignId());
            g.writeStringField("customerId", view.customerId());
            g.writeStringField("outcome", view.outcome());
            g.writeBooleanField("eligible", view.eligible());
            g.writeFieldName("discountPercent");
            value(g, view.discountPercent());
            g.writeStringField("reason", view.reason());
            g.writeStringField("reasonSource", view.reasonSource());
            g.writeStringField("modelVersion", view.modelVersion());
            g.writeFieldName("runDate");
            value(g, view.runDate());
            g.writeFieldName("explanation");
            explanation(g, view.explanation());
            g.writeEndObject();
        }
    }

    private void explanation(JsonGenerator g, DecisionView.ExplanationView explanation) throws IOException {
        if (explanation == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeFieldName("policies");
        if (explanation.policies() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (DecisionView.PolicyView policy : explanation.policies()) {
                policy(g, policy);
            }
            g.writeEndArray();
        }
        g.writeFieldName("matchedRules");
        if (explanation.matchedRules() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (MatchedRule rule : explanation.matchedRules()) {
                matchedRule(g, rule);
            }
            g.writeEndArray();
        }
        g.writeFieldName("inputs");
        value(g, explanation.inputs());
        g.writeFieldName("messages");
        value(g, explanation.messages());
        g.writeEndObject();
    }

    /** {@link DecisionView.PolicyView} leaves out null fields (its {@code @JsonInclude}). */
    private static void policy(JsonGenerator g, DecisionView.PolicyView policy) throws IOException {
        if (policy == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        if (policy.name() != null) {
            g.writeStringField("name", policy.name());
        }
        if (policy.result() != null) {
            g.writeStringField("result", policy.result());
        }
        if (policy.reason() != null) {
            g.writeStringField("reason", policy.reason());
        }
        g.writeEndObject();
    }

    private static void matchedRule(JsonGenerator g, MatchedRule rule) throws IOException {
        if (rule == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("decision", rule.decision());
        g.writeNumberField("row", rule.row());
        g.writeStringField("annotation", rule.annotation());
        g.writeEndObject();
    }

    /** The values an explanation's inputs hold (facts and dates); anything else goes to the mapper. */
    private void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof LocalDate date) {
            // What the mapper's java.time module writes for a LocalDate with dates as strings (ISO_LOCAL_DATE).
            g.writeString(date.toString());
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                value(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map && allKeysAreStrings(map)) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            // Written apart and inserted raw: the mapper writing into this generator would flush it mid-answer.
            g.writeRawValue(mapper.writeValueAsString(value));
        }
    }

    private static boolean allKeysAreStrings(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
