package dev.selektor.customer.dynamo;

import dev.selektor.common.IsoDates;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.customer.Segment;
import dev.selektor.storage.dynamo.BatchWrites;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Customer facts in the {@code customers} table, one item per customer, facts as typed attributes. */
@ApplicationScoped
public class DynamoCustomerFactsRepository implements CustomerFactsRepository {
    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @Inject
    CustomerCount count;

    private String table() {
        return tables.name(Tables.CUSTOMERS);
    }

    @Override
    public void save(CustomerFacts facts) {
        var replaced = DynamoCalls.call(
                "storing customer " + facts.customerId(),
                () -> dynamo.putItem(
                        b -> b.tableName(table()).item(toItem(facts)).returnValues(ReturnValue.ALL_OLD)));
        if (!replaced.hasAttributes() || replaced.attributes().isEmpty()) {
            count.add(1);
        }
    }

    @Override
    public void saveAll(Collection<CustomerFacts> facts) {
        if (facts.isEmpty()) {
            return;
        }
        List<WriteRequest> writes = new ArrayList<>(facts.size());
        for (CustomerFacts f : facts) {
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(toItem(f)).build())
                    .build());
        }
        int added =
                count.notYetStored(facts.stream().map(CustomerFacts::customerId).toList(), table());
        BatchWrites.writeAll(dynamo, table(), writes, "storing " + writes.size() + " customers");
        count.add(added);
    }

    @Override
    public Optional<CustomerFacts> find(String customerId) {
        var response = DynamoCalls.call(
                "reading customer " + customerId,
                () -> dynamo.getItem(
                        b -> b.tableName(table()).key(key(customerId)).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public boolean delete(String customerId) {
        var response = DynamoCalls.call(
                "deleting customer " + customerId,
                () -> dynamo.deleteItem(
                        b -> b.tableName(table()).key(key(customerId)).returnValues(ReturnValue.ALL_OLD)));
        boolean existed = response.hasAttributes() && !response.attributes().isEmpty();
        if (existed) {
            count.add(-1);
        }
        return existed;
    }

    @Override
    public long count() {
        return DynamoCalls.call(
                "counting customers",
                () -> dynamo
                        .scanPaginator(
                                b -> b.tableName(table()).select(Select.COUNT).limit(5_000))
                        .stream()
                        .mapToLong(page -> page.count())
                        .sum());
    }

    @Override
    public long estimatedCount() {
        long described = DynamoCalls.call(
                "describing the customers table",
                () -> dynamo.describeTable(b -> b.tableName(table())).table().itemCount());
        // The counter misses customers stored before it existed; DynamoDB's own figure lags by hours.
        return Math.max(count.read(), described);
    }

    @Override
    public Page scanSegment(int segment, int totalSegments, Optional<String> after, int limit) {
        var page = DynamoCalls.call(
                "scanning customers",
                () -> dynamo.scan(b -> {
                    b.tableName(table())
                            .segment(segment)
                            .totalSegments(totalSegments)
                            .limit(limit)
                            .consistentRead(true);
                    after.ifPresent(id -> b.exclusiveStartKey(key(id)));
                }));
        List<CustomerFacts> customers = new ArrayList<>(page.count());
        for (Map<String, AttributeValue> item : page.items()) {
            customers.add(fromItem(item));
        }
        Optional<String> last =
                page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? Optional.of(page.lastEvaluatedKey().get("customerId").s())
                        : Optional.empty();
        return new Page(customers, last);
    }

    private static Map<String, AttributeValue> key(String customerId) {
        return Map.of("customerId", AttributeValue.fromS(customerId));
    }

    static Map<String, AttributeValue> toItem(CustomerFacts f) {
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put("customerId", AttributeValue.fromS(f.customerId()));
        item.put("segment", AttributeValue.fromS(f.segment().name()));
        item.put("country", AttributeValue.fromS(f.country()));
        f.birthDate().ifPresent(d -> item.put("birthDate", AttributeValue.fromS(d.toString())));
        item.put("memberSince", AttributeValue.fromS(f.memberSince().toString()));
        item.put("marketingConsent", AttributeValue.fromBool(f.marketingConsent()));
        item.put("fraudFlag", AttributeValue.fromBool(f.fraudFlag()));
        item.put("orders12m", AttributeValue.fromN(Integer.toString(f.orders12m())));
        item.put("revenue12m", AttributeValue.fromN(f.revenue12m().toPlainString()));
        item.put("returnRate12m", AttributeValue.fromN(f.returnRate12m().toPlainString()));
        f.lastOrderDate().ifPresent(d -> item.put("lastOrderDate", AttributeValue.fromS(d.toString())));
        item.put(
                "categories",
                AttributeValue.fromL(
                        f.categories().stream().map(AttributeValue::fromS).toList()));
        item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        return item;
    }

    static CustomerFacts fromItem(Map<String, AttributeValue> item) {
        return new CustomerFacts(
                item.get("customerId").s(),
                Segment.valueOf(item.get("segment").s()),
                item.get("country").s(),
                optionalDate(item, "birthDate"),
                IsoDates.parse(item.get("memberSince").s()),
                item.get("marketingConsent").bool(),
                item.get("fraudFlag").bool(),
                Integer.parseInt(item.get("orders12m").n()),
                new BigDecimal(item.get("revenue12m").n()),
                new BigDecimal(item.get("returnRate12m").n()),
                optionalDate(item, "lastOrderDate"),
                item.containsKey("categories")
                        ? item.get("categories").l().stream()
                                .map(AttributeValue::s)
                                .toList()
                        : List.of());
    }

    private static Optional<LocalDate> optionalDate(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(IsoDates.parse(value.s()));
    }
}
