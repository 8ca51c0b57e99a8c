package dev.selektor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.common.JsonConfig;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsParser;
import dev.selektor.customer.dynamo.DynamoCustomerFactsRepository;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The ceiling for {@code POST /customers/import}: how many items per second a bare AWS SDK v2 BatchWriteItem loop
 * (25 items a call, unprocessed items retried) gets into a DynamoDB-compatible store, with no HTTP upload, no
 * JSON parsing and no validation in the way. Part of bench/import-benchmark.sh; never run by the tests (the name
 * does not end in Test).
 *
 * <p>It reads the same NDJSON file the import gets and turns each line into the very item the service writes
 * (parsed with {@link CustomerFactsParser}, converted by the repository's own {@code toItem}); all of that happens
 * before the clock starts, so only the writes are timed. Each thread count runs into its own fresh table.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) dev.selektor.bench.BatchWriteCeiling \
 *     --endpoint http://127.0.0.1:18400 --file customers.ndjson [--threads 4,1] [--table-prefix bench-ceiling-]
 * </pre>
 * Prints one line per thread count:
 * {@code ceiling threads=4 items=N seconds=S items_per_s=R retried=U client_cpu_percent=C} (C: % of one core).
 */
public final class BatchWriteCeiling {
    /** DynamoDB's limit per BatchWriteItem call, and what the service's import sends. */
    private static final int BATCH = 25;

    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private BatchWriteCeiling() {}

    @SuppressWarnings("deprecation") // ApacheHttpClient: the HTTP client the service uses (see DynamoDbClientProducer)
    public static void main(String[] args) throws Exception {
        URI endpoint = null;
        Path file = null;
        int[] threadCounts = {4, 1}; // 4 = CustomerImport's batches in flight
        String tablePrefix = "bench-ceiling-";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = URI.create(args[i + 1]);
                case "--file" -> file = Path.of(args[i + 1]);
                case "--threads" ->
                    threadCounts = Arrays.stream(args[i + 1].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--table-prefix" -> tablePrefix = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (endpoint == null || file == null || args.length % 2 != 0) {
            System.err.println(
                    "usage: BatchWriteCeiling --endpoint URL --file NDJSON [--threads 4,1] [--table-prefix P]");
            System.exit(2);
        }

        long loadStart = System.nanoTime();
        List<List<WriteRequest>> batches = load(file);
        long items = batches.stream().mapToLong(List::size).sum();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        // Collect the loading garbage now rather than during the timed writes; the heap left is the items'.
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.err.printf(
                "ceiling: %,d items in %,d batches prepared in %.1f s (not timed), heap used %,d MB%n",
                items, batches.size(), loadSeconds, (runtime.totalMemory() - runtime.freeMemory()) >> 20);

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                // As many connections as the service's client, so the pool is never what limits.
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .build()) {
            for (int threads : threadCounts) {
                String table = tablePrefix + "t" + threads + "-customers";
                freshTable(dynamo, table);
                AtomicLong retried = new AtomicLong();
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                writeAll(dynamo, table, batches, threads, retried);
                double seconds = (System.nanoTime() - start) / 1e9;
                // The client's own CPU use, to compare with the service's: what a write costs on the sending side.
                double cpuPercent = (os.getProcessCpuTime() - cpuStart) / 1e9 / seconds * 100;
                System.out.printf(
                        "ceiling threads=%d items=%d seconds=%.3f items_per_s=%.0f retried=%d client_cpu_percent=%.0f%n",
                        threads, items, seconds, items / seconds, retried.get(), cpuPercent);
            }
        }
    }

    /** Every line as the put request the service would send, in batches of 25, the file's order kept. */
    private static List<List<WriteRequest>> load(Path file) throws Exception {
        // The repository's item mapping is package-private; calling it (rather than a copy) guarantees the
        // ceiling writes the same attributes as the import, even after the mapping changes.
        Method toItem = DynamoCustomerFactsRepository.class.getDeclaredMethod("toItem", CustomerFacts.class);
        toItem.setAccessible(true);
        ObjectMapper json = new ObjectMapper();
        new JsonConfig().customize(json); // the service's JSON settings: exact decimals, as the import reads them
        // The parser only rejects dates after "today"; a day of slack avoids a race with the generator at midnight.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1);
        List<List<WriteRequest>> batches = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>(BATCH);
        long rejected = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!(CustomerFactsParser.parse(json.readTree(line), today)
                        instanceof CustomerFactsParser.Result.Valid valid)) {
                    rejected++;
                    continue;
                }
                @SuppressWarnings("unchecked")
                var item = (Map<String, AttributeValue>) toItem.invoke(null, valid.facts());
                batch.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item).build())
                        .build());
                if (batch.size() == BATCH) {
                    batches.add(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        if (rejected > 0) {
            System.err.printf("ceiling: %,d lines rejected by the parser and left out%n", rejected);
        }
        return batches;
    }

    private static void freshTable(DynamoDbClient dynamo, String table) {
        try {
            dynamo.deleteTable(b -> b.tableName(table));
            dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            // Not there: the usual case, ExtendDB is new for every benchmark run.
        }
        // The same key and billing mode as the service's customers table (see Tables).
        dynamo.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("customerId")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("customerId")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    /** {@code threads} workers each take the next batch and write it until it is fully accepted, like the import's writers. */
    private static void writeAll(
            DynamoDbClient dynamo, String table, List<List<WriteRequest>> batches, int threads, AtomicLong retried)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        writeBatch(dynamo, table, batches.get(i), retried);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(); // rethrows a worker's failure
            }
        } finally {
            pool.shutdownNow();
        }
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
                // The repository's backoff: jittered, doubling from 50 ms, at most 2 s.
                long cap = Math.min(2_000, 25L << attempt);
                Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
            }
        }
    }
}
