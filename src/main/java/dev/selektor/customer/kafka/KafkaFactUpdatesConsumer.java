package dev.selektor.customer.kafka;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFactUpdates;
import dev.selektor.customer.CustomerFactsRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Takes fact updates from the Kafka topic {@code selektor.customer-facts} instead of SQS (source kafka): the same
 * validation and upserts, poison records to {@code <topic>.dlq} with a {@code reason} header, and offsets
 * committed only after the batch's writes; when the store fails, the consumer goes back to the first record not
 * stored and tries again after a pause, so nothing is skipped.
 */
@ApplicationScoped
public class KafkaFactUpdatesConsumer {
    private static final Logger LOG = Logger.getLogger(KafkaFactUpdatesConsumer.class);
    private static final String GROUP = "selektor-fact-updates";
    private static final Duration PAUSE = Duration.ofSeconds(1);

    @Inject
    SelektorConfig config;

    @Inject
    CustomerFactUpdates updates;

    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean stopping;

    void start(@Observes StartupEvent started) {
        if (config.factUpdates().sources().contains(SelektorConfig.FactUpdates.Source.KAFKA)) {
            Thread t = new Thread(this::consume, "fact-updates-kafka");
            t.setDaemon(true);
            t.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void consume() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        Properties producerProps = new Properties();
        producerProps.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        String topic = config.factUpdates().topic();
        try (KafkaConsumer<String, String> c =
                        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> deadLetters =
                        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            consumer = c;
            c.subscribe(List.of(topic));
            new BackgroundLoop("Taking fact updates from Kafka", LOG, PAUSE, PAUSE).run(() -> stopping, () -> {
                var records = c.poll(Duration.ofSeconds(1));
                for (TopicPartition partition : records.partitions()) {
                    handle(c, deadLetters, topic, partition, records.records(partition));
                }
                return BackgroundLoop.AT_ONCE;
            });
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.error("The Kafka fact update consumer stopped: " + e.getMessage(), e);
        }
    }

    /** When the store fails, rewinds the partition and throws, so that the loop pauses and polls the records again. */
    private void handle(
            KafkaConsumer<String, String> c,
            KafkaProducer<String, String> deadLetters,
            String topic,
            TopicPartition partition,
            List<ConsumerRecord<String, String>> records) {
        for (int from = 0; from < records.size(); from += CustomerFactsRepository.MAX_BATCH) {
            List<ConsumerRecord<String, String>> chunk =
                    records.subList(from, Math.min(from + CustomerFactsRepository.MAX_BATCH, records.size()));
            Map<String, ConsumerRecord<String, String>> byId = new HashMap<>();
            List<CustomerFactUpdates.Update> batch = new ArrayList<>(chunk.size());
            for (ConsumerRecord<String, String> r : chunk) {
                String id = r.partition() + "@" + r.offset();
                byId.put(id, r);
                batch.add(new CustomerFactUpdates.Update(id, r.value() == null ? "" : r.value()));
            }
            List<CustomerFactUpdates.Handled> handled = updates.apply(batch);
            if (handled.stream().anyMatch(h -> h instanceof CustomerFactUpdates.Handled.Retry)) {
                c.seek(partition, chunk.get(0).offset());
                throw new IllegalStateException("the store did not take fact updates from " + partition + "; retrying");
            }
            for (CustomerFactUpdates.Handled h : handled) {
                if (h instanceof CustomerFactUpdates.Handled.Poison p) {
                    ConsumerRecord<String, String> r = byId.get(p.messageId());
                    ProducerRecord<String, String> dead = new ProducerRecord<>(topic + ".dlq", r.key(), r.value());
                    dead.headers().add("reason", p.reason().getBytes(StandardCharsets.UTF_8));
                    dead.headers()
                            .add(
                                    "source",
                                    (r.topic() + "/" + r.partition() + "@" + r.offset())
                                            .getBytes(StandardCharsets.UTF_8));
                    try {
                        deadLetters.send(dead).get();
                    } catch (Exception e) {
                        c.seek(partition, chunk.get(0).offset());
                        throw new IllegalStateException(
                                "the dead-letter topic did not take a record: " + e.getMessage(), e);
                    }
                }
            }
            c.commitSync(Map.of(
                    partition, new OffsetAndMetadata(chunk.get(chunk.size() - 1).offset() + 1)));
        }
    }
}
