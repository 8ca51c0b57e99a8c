package dev.selektor.audience.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.selektor.audience.CustomerFact;
import dev.selektor.customer.CustomerFacts;
import java.util.Map;

/** A customer's facts as an index document, and the mapping that types every contract fact. */
final class CustomerDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CustomerDocuments() {}

    /** Dates as days and numbers as doubles parsed from the same decimal text keep a table's comparisons exact. */
    static Map<String, Object> settingsAndMappings() {
        ObjectNode properties = JSON.createObjectNode();
        for (CustomerFact fact : CustomerFact.values()) {
            ObjectNode type = properties.putObject(fact.field());
            switch (fact.kind()) {
                case KEYWORD, KEYWORD_LIST -> type.put("type", "keyword");
                case DATE -> type.put("type", "date").put("format", "strict_date");
                case BOOLEAN -> type.put("type", "boolean");
                case NUMBER -> {
                    if (fact == CustomerFact.ORDERS_12M) {
                        type.put("type", "integer");
                    } else {
                        type.put("type", "double");
                    }
                }
            }
        }
        return Map.of(
                "settings", Map.of("number_of_shards", 1, "number_of_replicas", 0, "refresh_interval", "1s"),
                "mappings", Map.of("dynamic", "strict", "properties", properties));
    }

    /** A customer id as a JSON string. */
    static String quoted(String customerId) {
        return new TextNode(customerId).toString();
    }

    static ObjectNode of(CustomerFacts f) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("customerId", f.customerId());
        doc.put("segment", f.segment().name());
        doc.put("country", f.country());
        f.birthDate().ifPresent(d -> doc.put("birthDate", d.toString()));
        doc.put("memberSince", f.memberSince().toString());
        doc.put("marketingConsent", f.marketingConsent());
        doc.put("fraudFlag", f.fraudFlag());
        doc.put("orders12m", f.orders12m());
        doc.put("revenue12m", f.revenue12m());
        doc.put("returnRate12m", f.returnRate12m());
        f.lastOrderDate().ifPresent(d -> doc.put("lastOrderDate", d.toString()));
        f.categories().forEach(doc.putArray("categories")::add);
        return doc;
    }
}
