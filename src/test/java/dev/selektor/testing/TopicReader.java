package dev.selektor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream consumer as tests need one: reads the whole topic from the beginning, in the background, and keeps
 * every record it got (duplicates included, as a real consumer would see them before deduplicating by event id).
 */
public final class TopicReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TopicReader shared;

    /** One received record: Kafka key, the eventId header, the parsed JSON value. */
    public record Received(String key, String eventIdHeader, JsonNode event) {
        public String eventId() {
            return event.get("eventId").asText();
        }

        public String runId() {
            return event.get("runId").asText();
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String bootstrapServers;
    private final String topic;

    private TopicReader(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        Thread thread = new Thread(this::read, "test-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The reader of the test broker's event topic, started at the first call, and again when the broker is another
     * one (a test profile of its own starts the stand-ins anew).
     */
    public static synchronized TopicReader shared() {
        String servers = KafkaTestResource.broker().bootstrapServers();
        if (shared == null || !shared.bootstrapServers.equals(servers)) {
            shared = new TopicReader(servers, "selektor.customer-selected");
        }
        return shared;
    }

    public List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    public List<Received> ofRun(String runId) {
        return matching(r -> r.runId().equals(runId));
    }

    /** Waits until {@code enough} holds for the records of a run, or fails after the timeout. */
    public List<Received> awaitRun(String runId, Predicate<List<Received>> enough, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> now = ofRun(runId);
            if (enough.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "run " + runId + ": after " + timeout + " the consumer holds " + now.size() + " events");
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the records of a run include every one of the event ids (duplicates included), and returns them. */
    public List<Received> awaitEvents(String runId, java.util.Collection<String> eventIds, Duration timeout)
            throws InterruptedException {
        return awaitRun(
                runId,
                all -> all.stream()
                        .map(Received::eventId)
                        .collect(java.util.stream.Collectors.toSet())
                        .containsAll(eventIds),
                timeout);
    }

    private void read() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                500);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            // No consumer group: take every partition of the topic once the relay has created it.
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty()) {
                try {
                    consumer.partitionsFor(topic, Duration.ofSeconds(5))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                    // the broker is restarting or the topic does not exist yet
                }
                if (partitions.isEmpty()) {
                    Thread.sleep(200);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    var header = record.headers().lastHeader("eventId");
                    received.add(new Received(
                            record.key(),
                            header == null ? null : new String(header.value(), StandardCharsets.UTF_8),
                            JSON.readTree(record.value())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
