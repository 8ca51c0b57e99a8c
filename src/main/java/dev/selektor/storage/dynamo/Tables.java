package dev.selektor.storage.dynamo;

import dev.selektor.common.SelektorConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The application's tables: their full names (environment prefix + table) and, when configured, their creation
 * at start-up. See docs/storage.md for the design and the access pattern each table serves.
 */
@Startup
@ApplicationScoped
public class Tables {
    private static final Logger LOG = Logger.getLogger(Tables.class);

    public static final TableSpec CUSTOMERS = TableSpec.keyedBy("customers", "customerId");
    public static final TableSpec CAMPAIGNS = TableSpec.keyedBy("campaigns", "campaignId");
    public static final TableSpec SELECTION_RUNS = TableSpec.keyedBy("selection-runs", "runId");
    public static final TableSpec SELECTION_SEGMENTS = TableSpec.keyedBy("selection-segments", "runId", "segment");
    public static final String RESULTS_BY_CUSTOMER = "by-customer";
    public static final TableSpec SELECTION_RESULTS = TableSpec.keyedBy(
            "selection-results",
            "runId",
            "customerId",
            new TableSpec.IndexSpec(RESULTS_BY_CUSTOMER, "customerId", "runKey"));
    public static final TableSpec OUTBOX = TableSpec.keyedBy("outbox", "eventId");
    public static final TableSpec DECISION_MODELS = TableSpec.keyedBy("decision-models", "name");
    public static final TableSpec DECISION_MODEL_VERSIONS = TableSpec.keyedBy("decision-model-versions", "name", "seq");
    public static final TableSpec DECISION_MODEL_DRAFTS = TableSpec.keyedBy("decision-model-drafts", "name", "draftId");
    public static final TableSpec DECISION_MODEL_AUDIT = TableSpec.keyedBy("decision-model-audit", "name", "at");
    public static final TableSpec COUNTERS = TableSpec.keyedBy("counters", "name");
    /** Per stream consumer and shard, the last change it applied. */
    public static final TableSpec STREAM_CHECKPOINTS = TableSpec.keyedBy("stream-checkpoints", "consumer", "shardId");

    static final List<TableSpec> ALL = List.of(
            CUSTOMERS,
            CAMPAIGNS,
            SELECTION_RUNS,
            SELECTION_SEGMENTS,
            SELECTION_RESULTS,
            OUTBOX,
            DECISION_MODELS,
            DECISION_MODEL_VERSIONS,
            DECISION_MODEL_DRAFTS,
            COUNTERS,
            STREAM_CHECKPOINTS,
            DECISION_MODEL_AUDIT);

    /** Each change's new image: the customer index needs the facts, and a removal's key. */
    private static final StreamSpecification CUSTOMER_STREAM = StreamSpecification.builder()
            .streamEnabled(true)
            .streamViewType(StreamViewType.NEW_IMAGE)
            .build();

    @Inject
    SelektorConfig config;

    @Inject
    DynamoDbClient dynamo;

    @PostConstruct
    void createMissing() {
        if (!config.dynamodb().createTables()) {
            return;
        }
        try {
            List<String> created = new ArrayList<>();
            for (TableSpec spec : ALL) {
                if (createIfMissing(spec)) {
                    created.add(name(spec));
                }
            }
            // The SDK's default waiter polls every 20 s; a new table is usually ACTIVE after one or two.
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                    .client(dynamo)
                    .overrideConfiguration(
                            o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200)))
                                    .waitTimeout(Duration.ofMinutes(2)))
                    .build()) {
                for (String table : created) {
                    waiter.waitUntilTableExists(b -> b.tableName(table));
                }
            }
        } catch (RuntimeException e) {
            String where = config.dynamodb()
                    .endpoint()
                    .map(Object::toString)
                    .orElse("AWS region " + config.dynamodb().region());
            LOG.error("Selektor cannot start: the tables cannot be checked or created at " + where + ": "
                    + e.getMessage());
            throw e;
        }
    }

    public String name(TableSpec spec) {
        return config.dynamodb().tablePrefix() + spec.name();
    }

    /** @return whether the table is new and must be waited for */
    private boolean createIfMissing(TableSpec spec) {
        String table = name(spec);
        try {
            var existing = dynamo.describeTable(b -> b.tableName(table)).table();
            if (spec == CUSTOMERS && existing.latestStreamArn() == null) {
                // The customer index follows this table's stream; a table from before the index gets one now.
                LOG.infof("Enabling the stream of table %s", table);
                dynamo.updateTable(b -> b.tableName(table).streamSpecification(CUSTOMER_STREAM));
            }
            return false;
        } catch (ResourceNotFoundException e) {
            LOG.infof("Creating table %s", table);
        }
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> attributes = new ArrayList<>();
        keys.add(KeySchemaElement.builder()
                .attributeName(spec.partitionKey())
                .keyType(KeyType.HASH)
                .build());
        attributes.add(AttributeDefinition.builder()
                .attributeName(spec.partitionKey())
                .attributeType(ScalarAttributeType.S)
                .build());
        spec.sortKey().ifPresent(sk -> {
            keys.add(KeySchemaElement.builder()
                    .attributeName(sk)
                    .keyType(KeyType.RANGE)
                    .build());
            attributes.add(AttributeDefinition.builder()
                    .attributeName(sk)
                    .attributeType(ScalarAttributeType.S)
                    .build());
        });
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            for (String attribute : List.of(index.partitionKey(), index.sortKey())) {
                if (attributes.stream().noneMatch(a -> a.attributeName().equals(attribute))) {
                    attributes.add(AttributeDefinition.builder()
                            .attributeName(attribute)
                            .attributeType(ScalarAttributeType.S)
                            .build());
                }
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName(index.partitionKey())
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName(index.sortKey())
                                    .keyType(KeyType.RANGE)
                                    .build())
                    .projection(Projection.builder()
                            .projectionType(ProjectionType.ALL)
                            .build())
                    .build());
        }
        try {
            var request = CreateTableRequest.builder()
                    .tableName(table)
                    .keySchema(keys)
                    .attributeDefinitions(attributes)
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            if (spec == CUSTOMERS) {
                request.streamSpecification(CUSTOMER_STREAM);
            }
            dynamo.createTable(request.build());
        } catch (ResourceInUseException e) {
            // Another instance created it at the same moment: fine, wait for it all the same.
        }
        return true;
    }
}
