package dev.selektor.customer.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.common.BusinessClock;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.testing.KafkaTestResource;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The same fact updates from the Kafka topic selektor.customer-facts, against the real test broker. */
@QuarkusTest
class CustomerFactsTopicTest {
    private static final int UPDATES = 1_000;
    /** This test's customer ids start with it. */
    private final String prefix = TestIds.unique("K");

    @Inject
    CustomerFactsRepository customers;

    @Inject
    BusinessClock clock;

    @Test
    void validRecordsAreStoredAndPoisonOnesGoToTheDeadLetterTopicWithTheReason() throws Exception {
        String servers = KafkaTestResource.broker().bootstrapServers();
        SyntheticCustomers generator = new SyntheticCustomers(29, clock.today());
        List<String> valid = new ArrayList<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= UPDATES; i++) {
                String id = TestCustomers.id(prefix, i);
                String json = SyntheticCustomers.toJson(TestCustomers.withId(generator.next(i), id));
                if (i % 100 == 0) {
                    json = json.replaceFirst("\"orders12m\":[0-9]+", "\"orders12m\":-3");
                } else {
                    valid.add(id);
                }
                producer.send(new ProducerRecord<>("selektor.customer-facts", id, json));
            }
            producer.flush();
        }
        try {
            // Every valid update, not the first and last sent: the topic's partitions are consumed in no common order.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            List<String> missing = new ArrayList<>(valid);
            while (true) {
                missing.removeIf(id -> customers.find(id).isPresent());
                if (missing.isEmpty()) {
                    break;
                }
                assertTrue(
                        System.nanoTime() < deadline,
                        missing.size() + " valid updates were not stored in time, e.g. " + missing.get(0));
                Thread.sleep(200);
            }
            Map<String, String> deadLetters = readDeadLetters(servers, 10);
            assertEquals(10, deadLetters.size(), "the 10 poison records: " + deadLetters);
            deadLetters.forEach((key, reason) -> {
                assertTrue(reason.contains("/orders12m"), key + ": " + reason);
                assertTrue(customers.find(key).isEmpty(), "a poison record stores nothing: " + key);
            });
        } finally {
            TestCustomers.delete(customers, valid);
        }
    }

    /** The dead letters of this test's records (the topic keeps those of earlier tests too). */
    private Map<String, String> readDeadLetters(String servers, int expected) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("selektor.customer-facts.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (reasons.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !r.key().startsWith(prefix + "-")) {
                        continue;
                    }
                    reasons.put(
                            r.key(), new String(r.headers().lastHeader("reason").value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
