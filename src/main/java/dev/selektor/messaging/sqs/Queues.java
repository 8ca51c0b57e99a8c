package dev.selektor.messaging.sqs;

import dev.selektor.common.SelektorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The application's queues by name, each with its dead-letter queue, created when missing (switchable, like the
 * tables) the first time a feature asks for one.
 */
@ApplicationScoped
public class Queues {
    private static final Logger LOG = Logger.getLogger(Queues.class);
    public static final String CUSTOMER_FACTS = "customer-facts";
    public static final String SELECTION_SEGMENTS = "selection-segments";
    private static final String DLQ_SUFFIX = "-dlq";

    /** A queue and its dead-letter queue. */
    public record Queue(String name, String url, String deadLetterUrl) {}

    @Inject
    SelektorConfig config;

    @Inject
    SqsClient sqs;

    private final Map<String, Queue> known = new ConcurrentHashMap<>();

    /** @param maxReceives after this many receives without a delete SQS moves a message to the dead-letter queue */
    public Queue queue(String name, int maxReceives) {
        return known.computeIfAbsent(name, n -> open(n, maxReceives));
    }

    private Queue open(String name, int maxReceives) {
        String full = config.sqs().queuePrefix() + name;
        String dlq = full + DLQ_SUFFIX;
        if (!config.sqs().createQueues()) {
            return new Queue(full, url(full), url(dlq));
        }
        String dlqUrl = sqs.createQueue(b -> b.queueName(dlq)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}";
        String url = sqs.createQueue(
                        b -> b.queueName(full).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)))
                .queueUrl();
        LOG.infof("Queue %s (dead letters after %d receives: %s)", full, maxReceives, dlq);
        return new Queue(full, url, dlqUrl);
    }

    private String url(String queue) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new IllegalStateException(
                    "The queue " + queue + " does not exist and selektor.sqs.create-queues is off", e);
        }
    }
}
