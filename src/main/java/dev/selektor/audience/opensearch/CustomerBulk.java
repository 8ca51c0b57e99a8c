package dev.selektor.audience.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.customer.CustomerChanges;
import dev.selektor.customer.CustomerFacts;
import java.util.Collection;
import java.util.List;

/**
 * Bulk requests of customer documents. A rebuild's scan only creates documents, so that a change the stream
 * already wrote into the new index is not overwritten by the older facts the scan read; the stream's changes
 * overwrite and delete.
 */
final class CustomerBulk {
    private final StringBuilder ndjson = new StringBuilder();
    private int actions;

    static CustomerBulk creating(String index, List<CustomerFacts> scanned) {
        CustomerBulk bulk = new CustomerBulk();
        scanned.forEach(
                facts -> bulk.action("create", index, facts.customerId()).document(facts));
        return bulk;
    }

    static CustomerBulk applying(Collection<String> indices, List<CustomerChanges.Change> changes) {
        CustomerBulk bulk = new CustomerBulk();
        for (String index : indices) {
            for (CustomerChanges.Change change : changes) {
                change.facts()
                        .ifPresentOrElse(
                                facts -> bulk.action("index", index, change.customerId())
                                        .document(facts),
                                () -> bulk.action("delete", index, change.customerId()));
            }
        }
        return bulk;
    }

    static CustomerBulk deleting(String index, Collection<String> customerIds) {
        CustomerBulk bulk = new CustomerBulk();
        customerIds.forEach(id -> bulk.action("delete", index, id));
        return bulk;
    }

    private CustomerBulk action(String action, String index, String customerId) {
        ndjson.append("{\"")
                .append(action)
                .append("\":{\"_index\":\"")
                .append(index)
                .append("\",\"_id\":")
                .append(CustomerDocuments.quoted(customerId))
                .append("}}\n");
        actions++;
        return this;
    }

    private void document(CustomerFacts facts) {
        ndjson.append(CustomerDocuments.of(facts)).append('\n');
    }

    /** Sends the request; a create that meets a newer document and a delete of an absent one are no failures. */
    void send(OpenSearchCalls calls) {
        if (actions == 0) {
            return;
        }
        JsonNode answer = calls.bulk("/_bulk", ndjson.toString());
        if (!answer.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().next();
            int status = result.path("status").asInt();
            boolean expected = status == 409 || (status == 404 && item.has("delete"));
            if (status >= 300 && !expected) {
                throw new IllegalStateException(
                        "Indexing customer " + result.path("_id").asText() + " failed: " + result.path("error"));
            }
        }
    }
}
