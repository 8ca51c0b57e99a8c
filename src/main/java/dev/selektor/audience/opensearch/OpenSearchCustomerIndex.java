package dev.selektor.audience.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.audience.AudienceIndex;
import dev.selektor.audience.AudienceQuery;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The customer index in OpenSearch, behind an alias: a rebuild fills a new index from a scan of the customers table
 * and moves the alias to it in one step, so questions always meet a complete index.
 */
@ApplicationScoped
public class OpenSearchCustomerIndex implements AudienceIndex {

    @Inject
    OpenSearchCalls calls;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    SelektorConfig config;

    private final AtomicReference<Rebuild> lastRebuild = new AtomicReference<>();

    private String alias() {
        return config.opensearch().indexPrefix() + "customers";
    }

    @Override
    public synchronized Rebuild rebuild() {
        Instant started = Instant.now();
        String index = alias() + "-" + started.toEpochMilli();
        calls.json("PUT", "/" + index, CustomerDocuments.settingsAndMappings(), OpenSearchCalls.UPKEEP_TIMEOUT);
        long documents = 0;
        Optional<String> after = Optional.empty();
        do {
            CustomerFactsRepository.Page page =
                    customers.scanSegment(0, 1, after, config.opensearch().bulkSize());
            documents += index(index, page.customers());
            after = page.lastKey();
        } while (after.isPresent());
        calls.json("POST", "/" + index + "/_refresh", null, OpenSearchCalls.UPKEEP_TIMEOUT);
        List<String> previous = indicesOfAlias();
        List<Object> actions = new ArrayList<>();
        previous.forEach(old -> actions.add(Map.of("remove", Map.of("index", old, "alias", alias()))));
        actions.add(Map.of("add", Map.of("index", index, "alias", alias())));
        calls.json("POST", "/_aliases", Map.of("actions", actions), OpenSearchCalls.UPKEEP_TIMEOUT);
        previous.forEach(old -> calls.json("DELETE", "/" + old, null, OpenSearchCalls.UPKEEP_TIMEOUT));
        Rebuild done = new Rebuild(
                index,
                documents,
                Instant.now(),
                Duration.between(started, Instant.now()).toMillis());
        lastRebuild.set(done);
        return done;
    }

    private long index(String index, List<CustomerFacts> page) {
        if (page.isEmpty()) {
            return 0;
        }
        StringBuilder ndjson = new StringBuilder(page.size() * 300);
        for (CustomerFacts facts : page) {
            ndjson.append("{\"index\":{\"_index\":\"")
                    .append(index)
                    .append("\",\"_id\":\"")
                    .append(facts.customerId())
                    .append("\"}}\n")
                    .append(CustomerDocuments.of(facts))
                    .append('\n');
        }
        JsonNode answer = calls.bulk("/_bulk", ndjson.toString());
        if (answer.path("errors").asBoolean()) {
            throw new IllegalStateException("Indexing customers failed: " + firstError(answer));
        }
        return page.size();
    }

    private static String firstError(JsonNode bulk) {
        for (JsonNode item : bulk.path("items")) {
            JsonNode error = item.path("index").path("error");
            if (!error.isMissingNode()) {
                return item.path("index").path("_id").asText() + ": " + error;
            }
        }
        return bulk.toString();
    }

    private List<String> indicesOfAlias() {
        JsonNode aliases = calls.json("GET", "/_alias/" + alias(), null);
        List<String> indices = new ArrayList<>();
        if (aliases != null) {
            aliases.fieldNames().forEachRemaining(indices::add);
        }
        return indices;
    }

    @Override
    public Status status() {
        List<String> indices = indicesOfAlias();
        long documents = indices.isEmpty()
                ? 0
                : calls.json("GET", "/" + alias() + "/_count", null)
                        .path("count")
                        .asLong();
        return new Status(alias(), indices.stream().findFirst(), documents, Optional.ofNullable(lastRebuild.get()));
    }

    @Override
    public Answer count(AudienceQuery query) {
        Instant asked = Instant.now();
        JsonNode answer = calls.json("POST", "/" + alias() + "/_search", AudienceQueries.search(query));
        if (answer == null) {
            throw new Unavailable(
                    "The customer index has not been built yet: POST /audience/index/rebuild builds it", null);
        }
        Map<String, Map<String, Long>> breakdowns = new LinkedHashMap<>();
        for (AudienceQuery.Breakdown breakdown : query.breakdowns()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (JsonNode bucket :
                    answer.path("aggregations").path(breakdown.jsonName()).path("buckets")) {
                counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
            }
            breakdowns.put(breakdown.jsonName(), counts);
        }
        List<String> samples = new ArrayList<>();
        answer.path("hits")
                .path("hits")
                .forEach(hit -> samples.add(hit.path("_id").asText()));
        Instant asOf =
                Optional.ofNullable(lastRebuild.get()).map(Rebuild::finishedAt).orElse(asked);
        return new Answer(
                answer.path("hits").path("total").path("value").asLong(),
                breakdowns,
                samples,
                asOf,
                Math.max(0, Duration.between(asOf, asked).toMillis() / 1000.0),
                Duration.between(asked, Instant.now()).toMillis());
    }
}
