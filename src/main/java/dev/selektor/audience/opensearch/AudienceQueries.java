package dev.selektor.audience.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selektor.audience.AudienceFilter;
import dev.selektor.audience.AudienceQuery;
import dev.selektor.audience.Criterion;
import dev.selektor.audience.RunDateWindows;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** An audience question as an OpenSearch search: every filter a term, terms or range in a bool filter. */
final class AudienceQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Revenue bands of the breakdown, in EUR: [0, 100), [100, 500) ... [5000, ). */
    static final List<Integer> REVENUE_BANDS = List.of(0, 100, 500, 1000, 2000, 5000);

    private AudienceQueries() {}

    static ObjectNode search(AudienceQuery query) {
        ObjectNode body = JSON.createObjectNode();
        body.put("track_total_hits", true);
        body.put("size", query.samples());
        body.putArray("_source").add("customerId");
        body.putArray("sort").addObject().put("customerId", "asc");
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        for (AudienceFilter filter : query.filters()) {
            filters.add(clause(filter, query.runDate()));
        }
        ObjectNode aggs = body.putObject("aggs");
        for (AudienceQuery.Breakdown breakdown : query.breakdowns()) {
            ObjectNode agg = aggs.putObject(breakdown.jsonName());
            if (breakdown == AudienceQuery.Breakdown.REVENUE_BAND) {
                ArrayNode ranges =
                        agg.putObject("range").put("field", "revenue12m").putArray("ranges");
                for (int i = 0; i < REVENUE_BANDS.size(); i++) {
                    ObjectNode range = ranges.addObject().put("from", REVENUE_BANDS.get(i));
                    if (i + 1 < REVENUE_BANDS.size()) {
                        range.put("to", REVENUE_BANDS.get(i + 1));
                    }
                }
            } else {
                agg.putObject("terms").put("field", breakdown.jsonName()).put("size", 500);
            }
        }
        return body;
    }

    /**
     * Counts, within the customers meeting {@code scope}, those meeting each named criterion: one search, no
     * documents, a {@code filters} aggregation with a bucket per name.
     */
    static ObjectNode countEach(Criterion scope, Map<String, Criterion> criteria, LocalDate runDate) {
        ObjectNode body = JSON.createObjectNode();
        body.put("track_total_hits", true);
        body.put("size", 0);
        body.set("query", clause(scope, runDate));
        ObjectNode buckets =
                body.putObject("aggs").putObject("each").putObject("filters").putObject("filters");
        criteria.forEach((name, criterion) -> buckets.set(name, clause(criterion, runDate)));
        return body;
    }

    /** A criterion as a query: and, or and not as bool filter, should and must_not; filters as below. */
    static ObjectNode clause(Criterion criterion, LocalDate runDate) {
        ObjectNode clause = JSON.createObjectNode();
        if (criterion instanceof Criterion.Holds holds) {
            return clause(holds.filter(), runDate);
        } else if (criterion instanceof Criterion.Missing missing) {
            clause.putObject("bool")
                    .putArray("must_not")
                    .addObject()
                    .putObject("exists")
                    .put("field", missing.fact().field());
        } else if (criterion instanceof Criterion.All all) {
            ArrayNode parts = clause.putObject("bool").putArray("filter");
            all.parts().forEach(p -> parts.add(clause(p, runDate)));
        } else if (criterion instanceof Criterion.AnyOf any && any.parts().isEmpty()) {
            clause.putObject("bool").putArray("must_not").addObject().putObject("match_all");
        } else if (criterion instanceof Criterion.AnyOf any) {
            ObjectNode bool = clause.putObject("bool");
            ArrayNode parts = bool.putArray("should");
            any.parts().forEach(p -> parts.add(clause(p, runDate)));
            bool.put("minimum_should_match", 1);
        } else if (criterion instanceof Criterion.Not not) {
            clause.putObject("bool").putArray("must_not").add(clause(not.inner(), runDate));
        }
        return clause;
    }

    private static ObjectNode clause(AudienceFilter filter, LocalDate runDate) {
        ObjectNode clause = JSON.createObjectNode();
        String field = filter.fact().field();
        if (filter instanceof AudienceFilter.In in) {
            ArrayNode values = clause.putObject("terms").putArray(field);
            in.values().forEach(v -> values.add(JSON.valueToTree(v instanceof LocalDate d ? d.toString() : v)));
        } else if (filter instanceof AudienceFilter.Is is) {
            clause.putObject("term").put(field, is.value());
        } else if (filter instanceof AudienceFilter.Contains contains && contains.all()) {
            ArrayNode all = clause.putObject("bool").putArray("filter");
            contains.values().forEach(v -> all.addObject().putObject("term").put(field, v));
        } else if (filter instanceof AudienceFilter.Contains contains) {
            ArrayNode any = clause.putObject("terms").putArray(field);
            contains.values().forEach(any::add);
        } else if (filter instanceof AudienceFilter.Range range) {
            ObjectNode bounds = clause.putObject("range").putObject(field);
            range.bounds().gte().ifPresent(v -> bounds.put("gte", v.toString()));
            range.bounds().gt().ifPresent(v -> bounds.put("gt", v.toString()));
            range.bounds().lte().ifPresent(v -> bounds.put("lte", v.toString()));
            range.bounds().lt().ifPresent(v -> bounds.put("lt", v.toString()));
        } else if (filter instanceof AudienceFilter.BeforeRunDate before) {
            AudienceFilter.DateWindow window = RunDateWindows.of(before, runDate);
            if (window.none()) {
                clause.putObject("bool").putArray("must_not").addObject().putObject("match_all");
            } else if (window.from().isEmpty() && window.to().isEmpty()) {
                // No bound at all still asks for the date: a customer without it has no days before the run date.
                clause.putObject("exists").put("field", field);
            } else {
                ObjectNode bounds = clause.putObject("range").putObject(field);
                window.from().ifPresent(d -> bounds.put("gte", d.toString()));
                window.to().ifPresent(d -> bounds.put("lte", d.toString()));
            }
        }
        return clause;
    }
}
