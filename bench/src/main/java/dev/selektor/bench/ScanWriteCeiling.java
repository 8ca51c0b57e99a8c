package dev.selektor.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The ceiling for a selection run: how many customers per second a bare AWS SDK v2 client gets through when it
 * does only the run's store work, a parallel scan of the customers table and one result item written per customer,
 * with no decisions, no checkpoints and no events in the way. Part of bench/selection-benchmark.sh; never run by
 * the tests (the name does not end in Test).
 *
 * <p>It works like the run's workers: {@code --segments} scan segments on a pool of {@code --threads} threads, each
 * segment read page by page ({@code --page-size} items a Scan, strongly consistent as the service reads), and each
 * page's results written with BatchWriteItem, 25 a call, before the next page is read. The results go into a fresh
 * table (the service's key: run, customer), which is deleted at the end. Without {@code --results-index} that table
 * lacks the service's index by customer, which the store has to maintain on every write of a run;
 * {@code --results-index by-customer} adds it, to see what it costs.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) dev.selektor.bench.ScanWriteCeiling \
 *     --endpoint http://127.0.0.1:18400 [--table bench-customers] [--segments 8] [--threads 4] [--page-size 200] \
 *     [--campaign black-week-tech] [--run-date 2026-11-26] [--results-prefix bench-ceiling-results-] \
 *     [--results-index by-customer]
 * </pre>
 * Prints {@code ceiling: timing starts} when the clock starts, then one line:
 * {@code ceiling segments=8 threads=4 items=N seconds=S items_per_s=R scan_seconds=.. write_seconds=.. retried=U
 * client_cpu_percent=C}, where the scan and write seconds are summed over the threads, as the service's run view
 * sums its workers' time, and C is in % of one core.
 */
public final class ScanWriteCeiling {
    /** DynamoDB's limit per BatchWriteItem call, and what the run's workers send. */
    private static final int BATCH = 25;

    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** As long as the reasons of the campaign models (the most frequent one of black-week-tech, in fact). */
    private static final String REASON = "No electronics purchases";
    /** A model version is the first 12 hex digits of the model file's SHA-256. */
    private static final String MODEL_VERSION = "3f9a1c07be42";

    private ScanWriteCeiling() {}

    @SuppressWarnings("deprecation") // ApacheHttpClient: the HTTP client the service uses (see DynamoDbClientProducer)
    public static void main(String[] args) throws Exception {
        URI endpoint = null;
        String customers = "bench-customers";
        int segments = 8; // selektor.selection.segments
        int threads = 4; // selektor.selection.workers
        int pageSize =
                200; // selektor.selection.page-size; ExtendDB takes longer than the SDK waits for much bigger pages
        String campaign = "black-week-tech";
        String runDate = "2026-11-26";
        String resultsPrefix = "bench-ceiling-results-";
        String resultsIndex = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = URI.create(args[i + 1]);
                case "--table" -> customers = args[i + 1];
                case "--segments" -> segments = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--page-size" -> pageSize = Integer.parseInt(args[i + 1]);
                case "--campaign" -> campaign = args[i + 1];
                case "--run-date" -> runDate = args[i + 1];
                case "--results-prefix" -> resultsPrefix = args[i + 1];
                case "--results-index" -> resultsIndex = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (endpoint == null || args.length % 2 != 0) {
            System.err.println(
                    "usage: ScanWriteCeiling --endpoint URL [--table T] [--segments 8] [--threads 4] [--page-size 200]"
                            + " [--campaign ID] [--run-date YYYY-MM-DD] [--results-prefix P] [--results-index NAME]");
            System.exit(2);
        }
        // Outside Quarkus every logger would be at ALL: the SDK and the HTTP client would format debug lines for
        // every call, client CPU the service does not spend.
        BenchLogging.useServiceLevels();

        String results = resultsPrefix + Instant.now().toEpochMilli();
        Run run = new Run(UUID.randomUUID().toString(), campaign, runDate);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                // As many connections as the service's client, so the pool is never what limits.
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .build()) {
            createTable(dynamo, results, resultsIndex);
            try {
                Totals totals = new Totals();
                System.out.printf(
                        "ceiling: timing starts (%d segments of %s on %d threads, pages of %d, into %s%s)%n",
                        segments,
                        customers,
                        threads,
                        pageSize,
                        results,
                        resultsIndex == null ? "" : " with index " + resultsIndex);
                System.out.flush(); // the script takes the store's CPU time when it sees this line
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                scanAndWrite(dynamo, customers, results, run, segments, threads, pageSize, totals);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuPercent = (os.getProcessCpuTime() - cpuStart) / 1e9 / seconds * 100;
                long items = totals.items.get();
                System.out.printf(
                        "ceiling segments=%d threads=%d items=%d seconds=%.3f items_per_s=%.0f scan_seconds=%.3f"
                                + " write_seconds=%.3f retried=%d client_cpu_percent=%.0f%n",
                        segments,
                        threads,
                        items,
                        seconds,
                        items / seconds,
                        totals.scanNanos.get() / 1e9,
                        totals.writeNanos.get() / 1e9,
                        totals.retried.get(),
                        cpuPercent);
                System.out.flush();
            } finally {
                // Deleting a big table keeps the store busy for a while: after the figures, not within them.
                dynamo.deleteTable(b -> b.tableName(results));
            }
        }
    }

    private record Run(String runId, String campaignId, String runDate) {}

    /** Summed over the threads, as the service's run view sums its workers' time. */
    private static final class Totals {
        final AtomicLong items = new AtomicLong();
        final AtomicLong scanNanos = new AtomicLong();
        final AtomicLong writeNanos = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
    }

    /** The key of the service's results table (see Tables), and with {@code index} its index by customer too. */
    private static void createTable(DynamoDbClient dynamo, String table, String index) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (String name : index == null ? List.of("runId", "customerId") : List.of("runId", "customerId", "runKey")) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(name)
                    .attributeType(ScalarAttributeType.S)
                    .build());
        }
        dynamo.createTable(b -> {
            b.tableName(table)
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName("runId")
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName("customerId")
                                    .keyType(KeyType.RANGE)
                                    .build())
                    .attributeDefinitions(attributes)
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (index != null) {
                b.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(index)
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("customerId")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("runKey")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build());
            }
        });
        // The SDK's default waiter polls every 20 s; a new table is usually ACTIVE after one or two (see Tables).
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(dynamo)
                .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200)))
                        .waitTimeout(Duration.ofMinutes(2)))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
    }

    /** Every segment is one task on a pool of {@code threads}, as the run hands its segments to its workers. */
    private static void scanAndWrite(
            DynamoDbClient dynamo,
            String customers,
            String results,
            Run run,
            int segments,
            int threads,
            int pageSize,
            Totals totals)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int segment = s;
                tasks.add(pool.submit(() -> {
                    scanSegment(dynamo, customers, results, run, segment, segments, pageSize, totals);
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(); // rethrows a task's failure
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void scanSegment(
            DynamoDbClient dynamo,
            String customers,
            String results,
            Run run,
            int segment,
            int segments,
            int pageSize,
            Totals totals)
            throws InterruptedException {
        Map<String, AttributeValue> after = null;
        do {
            Map<String, AttributeValue> from = after;
            long t0 = System.nanoTime();
            ScanResponse page = dynamo.scan(b -> {
                b.tableName(customers)
                        .segment(segment)
                        .totalSegments(segments)
                        .limit(pageSize)
                        .consistentRead(true);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            long t1 = System.nanoTime();
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            for (Map<String, AttributeValue> customer : page.items()) {
                batch.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder()
                                .item(resultItem(run, customer.get("customerId").s()))
                                .build())
                        .build());
                if (batch.size() == BATCH) {
                    writeBatch(dynamo, results, batch, totals.retried);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                writeBatch(dynamo, results, batch, totals.retried);
            }
            long t2 = System.nanoTime();
            totals.scanNanos.addAndGet(t1 - t0);
            totals.writeNanos.addAndGet(t2 - t1);
            totals.items.addAndGet(page.count());
            after = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (after != null);
    }

    /** The attributes of the service's result item (DynamoSelectionResultRepository.toItem) for a rejected customer. */
    private static Map<String, AttributeValue> resultItem(Run run, String customerId) {
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put("runId", AttributeValue.fromS(run.runId()));
        item.put("customerId", AttributeValue.fromS(customerId));
        item.put("runKey", AttributeValue.fromS(run.runDate() + "#" + run.runId()));
        item.put("campaignId", AttributeValue.fromS(run.campaignId()));
        item.put("runDate", AttributeValue.fromS(run.runDate()));
        item.put("outcome", AttributeValue.fromS("REJECTED"));
        item.put("discountPercent", AttributeValue.fromN("0"));
        item.put("reason", AttributeValue.fromS(REASON));
        item.put("reasonSource", AttributeValue.fromS("MODEL"));
        item.put("modelVersion", AttributeValue.fromS(MODEL_VERSION));
        return item;
    }

    private static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> items, AtomicLong retried)
            throws InterruptedException {
        List<WriteRequest> pending = items;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<WriteRequest> batch = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)))
                    .unprocessedItems()
                    .getOrDefault(table, List.of());
            if (!pending.isEmpty()) {
                if (attempt >= 8) {
                    throw new IllegalStateException(
                            pending.size() + " items stayed unprocessed after " + attempt + " attempts");
                }
                retried.addAndGet(pending.size());
                // The service's backoff (BatchWrites): jittered, doubling from 50 ms, at most 2 s.
                long cap = Math.min(2_000, 25L << attempt);
                Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
            }
        }
    }
}
