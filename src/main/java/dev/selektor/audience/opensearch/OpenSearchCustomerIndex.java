package dev.selektor.audience.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selektor.audience.AudienceIndex;
import dev.selektor.audience.AudienceQuery;
import dev.selektor.audience.Criterion;
import dev.selektor.audience.IndexFreshness;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerChanges;
import dev.selektor.customer.CustomerFactsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Inject
    IndexFreshness freshness;

    /** Short scan calls, so that the store's other callers do not wait behind a rebuild. */
    private static final int SCAN_PAGE = 250;

    private final AtomicReference<Rebuild> lastRebuild = new AtomicReference<>();
    /** The index a rebuild is filling, which the stream's changes go to as well. */
    private volatile String building;

    private final Set<String> deletedWhileBuilding = new HashSet<>();

    private String alias() {
        return config.opensearch().indexPrefix() + "customers";
    }

    @Override
    public synchronized Rebuild rebuild() {
        Instant started = Instant.now();
        String index = alias() + "-" + started.toEpochMilli();
        calls.json("PUT", "/" + index, CustomerDocuments.settingsAndMappings(), OpenSearchCalls.UPKEEP_TIMEOUT);
        synchronized (deletedWhileBuilding) {
            deletedWhileBuilding.clear();
        }
        building = index;
        try {
            long documents = 0;
            Optional<String> after = Optional.empty();
            do {
                CustomerFactsRepository.Page page = customers.scanSegment(
                        0, 1, after, Math.min(SCAN_PAGE, config.opensearch().bulkSize()));
                CustomerBulk.creating(index, page.customers()).send(calls);
                documents += page.customers().size();
                after = page.lastKey();
            } while (after.isPresent());
            // A customer the scan read just before the stream removed them must not come back with the scan's copy.
            synchronized (deletedWhileBuilding) {
                CustomerBulk.deleting(index, deletedWhileBuilding).send(calls);
                deletedWhileBuilding.clear();
            }
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
        } finally {
            building = null;
        }
    }

    @Override
    public void ensureBuilt() {
        if (indicesOfAlias().isEmpty()) {
            rebuild();
        }
    }

    @Override
    public void apply(List<CustomerChanges.Change> changes) {
        List<String> targets = new ArrayList<>(indicesOfAlias());
        String newIndex = building;
        if (newIndex != null) {
            targets.add(newIndex);
            synchronized (deletedWhileBuilding) {
                changes.stream()
                        .filter(c -> c.facts().isEmpty())
                        .forEach(c -> deletedWhileBuilding.add(c.customerId()));
            }
        }
        CustomerBulk.applying(targets, changes).send(calls);
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
        return new Status(
                alias(),
                indices.stream().findFirst(),
                documents,
                Optional.ofNullable(building),
                freshness.asOf(),
                freshness.lastChangeAt(),
                freshness.lagSeconds(Instant.now()),
                freshness.follower(),
                Optional.ofNullable(lastRebuild.get()));
    }

    private JsonNode search(Object body) {
        JsonNode answer = calls.json("POST", "/" + alias() + "/_search", body);
        if (answer == null) {
            throw new Unavailable(
                    "The customer index has not been built yet: POST /audience/index/rebuild builds it", null);
        }
        return answer;
    }

    @Override
    public Counts countEach(LocalDate runDate, Criterion scope, Map<String, Criterion> criteria) {
        Instant asked = Instant.now();
        JsonNode answer = search(AudienceQueries.countEach(scope, criteria, runDate));
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode buckets = answer.path("aggregations").path("each").path("buckets");
        criteria.keySet()
                .forEach(name ->
                        counts.put(name, buckets.path(name).path("doc_count").asLong()));
        Instant asOf = asOf(asked);
        return new Counts(
                answer.path("hits").path("total").path("value").asLong(),
                counts,
                asOf,
                lagSeconds(asOf, asked),
                Duration.between(asked, Instant.now()).toMillis());
    }

    @Override
    public Answer count(AudienceQuery query) {
        Instant asked = Instant.now();
        JsonNode answer = search(AudienceQueries.search(query));
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
        Instant asOf = asOf(asked);
        return new Answer(
                answer.path("hits").path("total").path("value").asLong(),
                breakdowns,
                samples,
                asOf,
                lagSeconds(asOf, asked),
                Duration.between(asked, Instant.now()).toMillis());
    }

    private Instant asOf(Instant asked) {
        return freshness
                .asOf()
                .or(() -> Optional.ofNullable(lastRebuild.get()).map(Rebuild::finishedAt))
                .orElse(asked);
    }

    private static double lagSeconds(Instant asOf, Instant asked) {
        return Math.max(0, Duration.between(asOf, asked).toMillis() / 1000.0);
    }
}
