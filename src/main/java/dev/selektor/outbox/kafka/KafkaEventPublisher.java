package dev.selektor.outbox.kafka;

import dev.selektor.common.SelektorConfig;
import dev.selektor.outbox.CustomerSelected;
import dev.selektor.outbox.EventPublisher;
import dev.selektor.outbox.PendingEvent;
import dev.selektor.outbox.PublishFailedException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes events to the topic, keyed by customer id (so that one customer's events stay in order on one
 * partition), with the event id, type and schema version as headers. The producer is idempotent and waits for all
 * in-sync replicas; it reconnects by itself after a broker restart.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {
    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(40);

    @Inject
    SelektorConfig config;

    private KafkaProducer<String, String> producer;
    private boolean topicReady;

    @Override
    public synchronized Set<String> publish(List<PendingEvent> events) {
        ensureTopic();
        String topic = config.outbox().topic();
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (PendingEvent event : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.customerId(), event.json());
            record.headers().add("eventId", event.eventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add("type", CustomerSelected.TYPE.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(
                            "schemaVersion",
                            Integer.toString(CustomerSelected.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8));
            Future<RecordMetadata> sent = producer().send(record);
            sends.add(sent);
            // Without the broker's metadata every send waits up to max.block.ms before it fails: stop at the first.
            if (sent.isDone() && failed(sent) || System.nanoTime() > deadline) {
                break;
            }
        }
        Set<String> acknowledged = new HashSet<>();
        Optional<Exception> failure = Optional.empty();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(events.get(i).eventId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                failure = failure.or(() -> Optional.of(e));
            }
        }
        if (acknowledged.isEmpty() && (failure.isPresent() || !events.isEmpty())) {
            failure = failure.or(() -> Optional.of(new IllegalStateException("no event was acknowledged")));
            Throwable cause = failure.get() instanceof ExecutionException ee && ee.getCause() != null
                    ? ee.getCause()
                    : failure.get();
            throw new PublishFailedException(
                    "Kafka did not acknowledge " + events.size() + " events: " + cause.getMessage(), cause);
        }
        return acknowledged;
    }

    private static boolean failed(Future<RecordMetadata> sent) {
        try {
            sent.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(props)) {
            var partitions = config.kafka().topicPartitions();
            NewTopic topic = new NewTopic(
                    config.outbox().topic(),
                    partitions.isPresent() ? Optional.of(partitions.getAsInt()) : Optional.empty(),
                    Optional.empty());
            admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
            LOG.infof("Created Kafka topic %s", config.outbox().topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new PublishFailedException(
                        "cannot create the topic " + config.outbox().topic() + " at "
                                + config.kafka().bootstrapServers() + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new PublishFailedException(
                    "Kafka at " + config.kafka().bootstrapServers() + " did not answer within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while creating the topic", e);
        }
        topicReady = true;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = Map.ofEntries(
                    Map.entry(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            config.kafka().bootstrapServers()),
                    Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "selektor-outbox-relay"),
                    Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                    Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
                    Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                    Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                    Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                    Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                    Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
