package dev.selektor.campaign.dynamo;

import dev.selektor.campaign.Campaign;
import dev.selektor.campaign.CampaignRepository;
import dev.selektor.storage.dynamo.DynamoCalls;
import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Campaigns in the {@code campaigns} table; few and small, so listing them is a scan. */
@ApplicationScoped
public class DynamoCampaignRepository implements CampaignRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    private String table() {
        return tables.name(Tables.CAMPAIGNS);
    }

    @Override
    public void save(Campaign c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("campaignId", AttributeValue.fromS(c.campaignId()));
        item.put("name", AttributeValue.fromS(c.name()));
        item.put("decisionModel", AttributeValue.fromS(c.decisionModel()));
        item.put("startDate", AttributeValue.fromS(c.startDate().toString()));
        item.put("endDate", AttributeValue.fromS(c.endDate().toString()));
        c.maxCustomers().ifPresent(m -> item.put("maxCustomers", AttributeValue.fromN(Integer.toString(m))));
        item.put("holdoutPercent", AttributeValue.fromN(Double.toString(c.holdoutPercent())));
        item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        DynamoCalls.run(
                "storing campaign " + c.campaignId(),
                () -> dynamo.putItem(b -> b.tableName(table()).item(item)));
    }

    @Override
    public Optional<Campaign> find(String campaignId) {
        var response = DynamoCalls.call(
                "reading campaign " + campaignId,
                () -> dynamo.getItem(b -> b.tableName(table())
                        .key(Map.of("campaignId", AttributeValue.fromS(campaignId)))
                        .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public List<Campaign> findAll() {
        List<Campaign> all = DynamoCalls.call(
                "listing campaigns",
                () -> dynamo.scanPaginator(b -> b.tableName(table()).consistentRead(true)).items().stream()
                        .map(DynamoCampaignRepository::fromItem)
                        .collect(java.util.stream.Collectors.toList()));
        all.sort(Comparator.comparing(Campaign::campaignId));
        return all;
    }

    private static Campaign fromItem(Map<String, AttributeValue> item) {
        return new Campaign(
                item.get("campaignId").s(),
                item.get("name").s(),
                item.get("decisionModel").s(),
                LocalDate.parse(item.get("startDate").s()),
                LocalDate.parse(item.get("endDate").s()),
                Optional.ofNullable(item.get("maxCustomers")).map(v -> Integer.parseInt(v.n())),
                Double.parseDouble(item.get("holdoutPercent").n()));
    }
}
