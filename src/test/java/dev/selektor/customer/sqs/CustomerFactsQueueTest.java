package dev.selektor.customer.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.common.BusinessClock;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsRepository;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.messaging.sqs.Queues;
import dev.selektor.testing.Await;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Fact updates through a real SQS-compatible queue: the valid ones stored, the poison ones dead-lettered with a reason. */
@QuarkusTest
class CustomerFactsQueueTest {
    private static final int UPDATES = 10_000;
    /** This test's customer ids start with it. */
    private final String prefix = TestIds.unique("Q");

    @Inject
    SqsClient sqs;

    @Inject
    Queues queues;

    @Inject
    SelektorConfig config;

    @Inject
    SqsFactUpdatesConsumer consumer;

    @Inject
    CustomerFactsRepository customers;

    @Inject
    BusinessClock clock;

    /** 50 kinds of broken update, each naming what is wrong with it. */
    private String poison(int i, String validJson) {
        return switch (i % 5) {
            case 0 -> validJson.replaceFirst("\"revenue12m\":[0-9.]+", "\"revenue12m\":-1");
            case 1 -> validJson.replaceFirst("\"segment\":\"[A-Z]+\"", "\"segment\":\"GOLD\"");
            case 2 -> validJson.replaceFirst("\"marketingConsent\":(true|false)", "\"marketingConsent\":\"yes\"");
            case 3 -> "{\"customerId\": \"" + prefix + "-broken-" + i + "\", \"segment\": ";
            default -> validJson.replaceFirst("\"customerId\":\"[^\"]+\",", "");
        };
    }

    private static final List<String> EXPECTED_REASONS =
            List.of("/revenue12m", "/segment", "/marketingConsent", "not JSON", "/customerId");

    @Test
    void validUpdatesAreStoredPoisonOnesDeadLetteredAndACrashedConsumerLosesNothing() throws InterruptedException {
        Queues.Queue queue =
                queues.queue(Queues.CUSTOMER_FACTS, config.factUpdates().maxReceives());
        SyntheticCustomers generator = new SyntheticCustomers(23, clock.today());
        Map<String, CustomerFacts> valid = new HashMap<>();
        List<String> bodies = new ArrayList<>(UPDATES);
        for (int i = 1; i <= UPDATES; i++) {
            String id = TestCustomers.id(prefix, i);
            CustomerFacts facts = TestCustomers.withId(generator.next(i), id);
            String json = SyntheticCustomers.toJson(facts);
            if (i % 200 == 0) {
                bodies.add(poison(i / 200, json));
            } else {
                valid.put(id, facts);
                bodies.add(json);
            }
        }
        assertEquals(UPDATES - 50, valid.size());
        // The first batch the consumers take is stored and then not acknowledged, as by a consumer killed mid-batch.
        consumer.crashAfterStoringNextBatch();
        send(queue.url(), bodies);
        try {
            Await.until("a consumer to die mid-batch", () -> consumer.alive() < 2, Duration.ofSeconds(60));
            consumer.startConsumers(); // what a restarted instance does
            Await.until("the queue to drain", () -> pending(queue.url()) == 0, Duration.ofSeconds(300));
            List<Message> deadLetters = drain(queue.deadLetterUrl());
            assertEquals(50, deadLetters.size(), "exactly the 50 poison updates are dead letters");
            Map<String, Integer> reasons = new HashMap<>();
            for (Message m : deadLetters) {
                String reason = m.messageAttributes().get("reason").stringValue();
                String kind = EXPECTED_REASONS.stream()
                        .filter(reason::contains)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("a reason naming the problem, got: " + reason));
                reasons.merge(kind, 1, Integer::sum);
                assertEquals(
                        queue.name(), m.messageAttributes().get("sourceQueue").stringValue());
            }
            assertEquals(
                    Map.of(
                            "/revenue12m",
                            10,
                            "/segment",
                            10,
                            "/marketingConsent",
                            10,
                            "not JSON",
                            10,
                            "/customerId",
                            10),
                    reasons);
            for (Map.Entry<String, CustomerFacts> e : valid.entrySet()) {
                Optional<CustomerFacts> stored = customers.find(e.getKey());
                assertEquals(
                        Optional.of(e.getValue()).map(CustomerFactsQueueTest::byValue),
                        stored.map(CustomerFactsQueueTest::byValue),
                        "stored as sent: " + e.getKey());
            }
            for (int i = 200; i <= UPDATES; i += 200) {
                assertTrue(customers.find(TestCustomers.id(prefix, i)).isEmpty(), "a poison update stores nothing");
            }
        } finally {
            // Other tests run over every stored customer; these are this test's own.
            TestCustomers.delete(customers, valid.keySet());
        }
    }

    /** Numbers compared by value: the store gives 196.6 back for 196.60. */
    private static CustomerFacts byValue(CustomerFacts f) {
        return new CustomerFacts(
                f.customerId(),
                f.segment(),
                f.country(),
                f.birthDate(),
                f.memberSince(),
                f.marketingConsent(),
                f.fraudFlag(),
                f.orders12m(),
                f.revenue12m().stripTrailingZeros(),
                f.returnRate12m().stripTrailingZeros(),
                f.lastOrderDate(),
                f.categories());
    }

    private void send(String url, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
            for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("m" + i)
                        .messageBody(bodies.get(i))
                        .build());
            }
            var answer = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            assertTrue(answer.failed().isEmpty(), "sent: " + answer.failed());
        }
    }

    private long pending(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
    }
}
