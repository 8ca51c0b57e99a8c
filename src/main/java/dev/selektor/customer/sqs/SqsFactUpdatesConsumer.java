package dev.selektor.customer.sqs;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFactUpdates;
import dev.selektor.messaging.sqs.Queues;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Takes fact updates from the SQS queue {@code <prefix>customer-facts}: receives up to 10 at a time, lets
 * {@link CustomerFactUpdates} store the valid ones, sends each poison message to the dead-letter queue with its
 * reason (message attribute {@code reason}), and deletes a message only once it is stored or dead-lettered. A
 * message whose write failed is left alone: it comes back after the visibility timeout, and after
 * {@code selektor.fact-updates.max-receives} receives SQS moves it to the dead-letter queue itself.
 */
@ApplicationScoped
public class SqsFactUpdatesConsumer {
    private static final Logger LOG = Logger.getLogger(SqsFactUpdatesConsumer.class);
    private static final int CONSUMERS = 2;

    @Inject
    SelektorConfig config;

    @Inject
    SqsClient sqs;

    @Inject
    Queues queues;

    @Inject
    CustomerFactUpdates updates;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    // For the crash test: the next batch is stored, then its consumer dies before acknowledging anything.
    private final AtomicBoolean crashAfterStoring = new AtomicBoolean();

    void start(@Observes StartupEvent started) {
        if (config.factUpdates().sources().contains(SelektorConfig.FactUpdates.Source.SQS)) {
            startConsumers();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
    }

    synchronized void startConsumers() {
        synchronized (threads) {
            threads.removeIf(t -> !t.isAlive());
            while (threads.size() < CONSUMERS) {
                Thread t = new Thread(this::consume, "fact-updates-sqs-" + threads.size());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    /** How many consumer threads are alive (the crash test waits for one to die). */
    int alive() {
        synchronized (threads) {
            return (int) threads.stream().filter(Thread::isAlive).count();
        }
    }

    void crashAfterStoringNextBatch() {
        crashAfterStoring.set(true);
    }

    private void consume() {
        Queues.Queue[] queue = {null};
        new BackgroundLoop("Taking fact updates from SQS", LOG).run(() -> stopping, () -> {
            if (queue[0] == null) {
                queue[0] =
                        queues.queue(Queues.CUSTOMER_FACTS, config.factUpdates().maxReceives());
            }
            String url = queue[0].url();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(10)
                            .visibilityTimeout((int)
                                    config.factUpdates().visibilityTimeout().toSeconds()))
                    .messages();
            // false: crashed on purpose (the crash test)
            return messages.isEmpty() || handle(queue[0], messages) ? BackgroundLoop.AT_ONCE : BackgroundLoop.END;
        });
    }

    /** @return false when the consumer is to die here (the crash test) */
    private boolean handle(Queues.Queue queue, List<Message> messages) {
        Map<String, Message> byId =
                messages.stream().collect(Collectors.toMap(Message::messageId, Function.identity()));
        List<CustomerFactUpdates.Handled> handled = updates.apply(messages.stream()
                .map(m -> new CustomerFactUpdates.Update(m.messageId(), m.body()))
                .toList());
        if (crashAfterStoring.compareAndSet(true, false)) {
            LOG.warn("Fact update consumer stops after storing a batch and before acknowledging it (crash test)");
            return false;
        }
        List<SendMessageBatchRequestEntry> deadLetters = new ArrayList<>();
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (CustomerFactUpdates.Handled h : handled) {
            Message m = byId.get(h.messageId());
            if (h instanceof CustomerFactUpdates.Handled.Poison p) {
                deadLetters.add(SendMessageBatchRequestEntry.builder()
                        .id(m.messageId())
                        .messageBody(m.body())
                        .messageAttributes(Map.of(
                                "reason", text(p.reason()),
                                "originalMessageId", text(m.messageId()),
                                "sourceQueue", text(queue.name())))
                        .build());
                done.add(delete(m));
            } else if (h instanceof CustomerFactUpdates.Handled.Stored) {
                done.add(delete(m));
            }
            // Retry: left alone, it comes again after the visibility timeout.
        }
        if (!deadLetters.isEmpty()) {
            var sent =
                    sqs.sendMessageBatch(b -> b.queueUrl(queue.deadLetterUrl()).entries(deadLetters));
            // A poison message that did not reach the dead letters stays in the queue and is judged again.
            sent.failed().forEach(f -> done.removeIf(d -> d.id().equals(f.id())));
        }
        if (!done.isEmpty()) {
            var deleted = sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(done));
            deleted.failed()
                    .forEach(f -> LOG.warnf(
                            "Could not delete fact update %s (%s); it will be applied again", f.id(), f.message()));
        }
        return true;
    }

    private static DeleteMessageBatchRequestEntry delete(Message m) {
        return DeleteMessageBatchRequestEntry.builder()
                .id(m.messageId())
                .receiptHandle(m.receiptHandle())
                .build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value.length() > 4000 ? value.substring(0, 4000) : value)
                .build();
    }
}
