package dev.selektor.customer.dynamo;

import dev.selektor.customer.CustomerChanges;
import dev.selektor.storage.dynamo.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The customers table's DynamoDB Stream read shard by shard, a parent shard to its end before its children (the
 * order of one customer's changes), with a checkpoint per shard in the store. Shard iterators are only moved on
 * by a commit, so an uncommitted batch is read again.
 */
@ApplicationScoped
public class DynamoCustomerChanges implements CustomerChanges {
    private static final Logger LOG = Logger.getLogger(DynamoCustomerChanges.class);
    static final String CONSUMER = "customer-index";
    private static final Duration SHARDS_REREAD = Duration.ofSeconds(30);
    /**
     * Records per read: a store that serves one call at a time (the local one) makes other writers wait while it
     * gathers them, so reads stay short and shards take turns.
     */
    private static final int READ_LIMIT = 200;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    DynamoDbStreamsClient streams;

    @Inject
    Tables tables;

    @Inject
    StreamCheckpoints checkpoints;

    /** A consumer that stops renewing hands over to another instance after this long. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String owner = UUID.randomUUID().toString();
    private String streamArn;
    private List<Shard> shards = List.of();
    private Instant shardsReadAt = Instant.EPOCH;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> ended = new HashSet<>();
    private int firstShard;

    /** Where a batch leaves each shard it read: its last sequence number, its next iterator, or its end. */
    private record Position(Map<String, String> lastSequence, Map<String, String> nextIterator, Set<String> ended) {}

    @Override
    public boolean claim(Instant asOf) {
        return checkpoints.lease(CONSUMER, owner, LEASE, asOf);
    }

    @Override
    public void release() {
        checkpoints.releaseLease(CONSUMER, owner);
    }

    @Override
    public Optional<Instant> asOf() {
        return checkpoints.leaseAsOf(CONSUMER);
    }

    @Override
    public synchronized Batch next(int max) {
        readShards();
        List<Change> changes = new ArrayList<>();
        Position position = new Position(new HashMap<>(), new HashMap<>(), new HashSet<>());
        boolean caughtUp = true;
        for (int i = 0; i < shards.size() && changes.isEmpty(); i++) {
            Shard shard = shards.get((firstShard + i) % shards.size());
            String id = shard.shardId();
            if (ended.contains(id)) {
                continue;
            }
            String parent = shard.parentShardId();
            if (parent != null
                    && isKnown(parent)
                    && !ended.contains(parent)
                    && !position.ended().contains(parent)) {
                continue;
            }
            GetRecordsResponse read = read(id, max - changes.size());
            for (Record record : read.records()) {
                changes.add(change(record));
                position.lastSequence().put(id, record.dynamodb().sequenceNumber());
            }
            if (!read.records().isEmpty()) {
                caughtUp = false;
                firstShard = (firstShard + i + 1) % shards.size();
            }
            if (read.nextShardIterator() == null) {
                position.ended().add(id);
            } else {
                position.nextIterator().put(id, read.nextShardIterator());
            }
        }
        if (!position.ended().isEmpty()) {
            shardsReadAt = Instant.EPOCH; // a closed shard has children to be found
        }
        return new Batch(List.copyOf(changes), caughtUp && changes.isEmpty(), position);
    }

    @Override
    public synchronized void commit(Batch batch) {
        Position position = (Position) batch.position();
        position.lastSequence().forEach((shard, seq) -> {
            if (!position.ended().contains(shard)) {
                checkpoints.save(CONSUMER, shard, seq);
            }
        });
        for (String shard : position.ended()) {
            checkpoints.save(CONSUMER, shard, StreamCheckpoints.ENDED);
            ended.add(shard);
            iterators.remove(shard);
        }
        iterators.putAll(position.nextIterator());
    }

    private GetRecordsResponse read(String shardId, int limit) {
        String iterator = iterators.computeIfAbsent(shardId, this::iteratorFromCheckpoint);
        try {
            return streams.getRecords(b -> b.shardIterator(iterator).limit(Math.min(limit, READ_LIMIT)));
        } catch (ExpiredIteratorException e) {
            String fresh = iteratorFromCheckpoint(shardId);
            iterators.put(shardId, fresh);
            return streams.getRecords(b -> b.shardIterator(fresh).limit(Math.min(limit, READ_LIMIT)));
        }
    }

    private String iteratorFromCheckpoint(String shardId) {
        Optional<String> after = checkpoints.of(CONSUMER, shardId);
        try {
            return streams.getShardIterator(b -> {
                        b.streamArn(streamArn).shardId(shardId);
                        after.ifPresentOrElse(
                                seq -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                        .sequenceNumber(seq),
                                () -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));
                    })
                    .shardIterator();
        } catch (TrimmedDataAccessException e) {
            LOG.warnf(
                    "Changes of shard %s after the checkpoint are past the stream's retention: reading from its"
                            + " oldest change; rebuild the customer index to be sure none is missing",
                    shardId);
            return streams.getShardIterator(b ->
                            b.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
        }
    }

    private boolean isKnown(String shardId) {
        return shards.stream().anyMatch(s -> s.shardId().equals(shardId));
    }

    private void readShards() {
        if (streamArn == null) {
            streamArn = dynamo.describeTable(b -> b.tableName(tables.name(Tables.CUSTOMERS)))
                    .table()
                    .latestStreamArn();
            if (streamArn == null) {
                throw new IllegalStateException("The customers table has no stream to follow");
            }
            checkpoints.of(CONSUMER).forEach((shard, seq) -> {
                if (seq.equals(StreamCheckpoints.ENDED)) {
                    ended.add(shard);
                }
            });
        }
        if (Duration.between(shardsReadAt, Instant.now()).compareTo(SHARDS_REREAD) < 0) {
            return;
        }
        List<Shard> all = new ArrayList<>();
        String[] after = {null};
        do {
            var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(after[0]))
                    .streamDescription();
            all.addAll(description.shards());
            after[0] = description.lastEvaluatedShardId();
        } while (after[0] != null);
        shards = List.copyOf(all);
        shardsReadAt = Instant.now();
    }

    private static Change change(Record record) {
        var data = record.dynamodb();
        Instant at = data.approximateCreationDateTime() == null ? Instant.now() : data.approximateCreationDateTime();
        if ("REMOVE".equals(record.eventNameAsString())) {
            return new Change(data.keys().get("customerId").s(), Optional.empty(), at);
        }
        return new Change(
                data.newImage().get("customerId").s(),
                Optional.of(DynamoCustomerFactsRepository.fromItem(data.newImage())),
                at);
    }
}
