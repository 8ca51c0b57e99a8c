package dev.selektor.selection.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import dev.selektor.messaging.sqs.Queues;
import dev.selektor.selection.QueuedSegmentCoordinator;
import dev.selektor.selection.SegmentHandOut;
import dev.selektor.selection.SegmentProgress;
import dev.selektor.selection.SelectionRun;
import dev.selektor.selection.SelectionRunRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Queue mode: one SQS message per segment of a run on {@code <prefix>selection-segments}, and this instance's
 * segment workers, each taking one segment at a time. A worker keeps its message hidden while it works (the
 * visibility is extended after every page); when it dies, the message comes back after
 * {@code selektor.selection.segment-visibility} and another worker goes on from the segment's checkpoint. The
 * message is deleted once the segment is done, or once its run no longer runs.
 */
@ApplicationScoped
public class SqsSegmentQueue implements SegmentHandOut {
    private static final Logger LOG = Logger.getLogger(SqsSegmentQueue.class);
    // A segment that fails this often (a model error would not: those are counted) is dead-lettered, not retried
    // forever.
    private static final int MAX_RECEIVES = 10;

    @Inject
    SelektorConfig config;

    @Inject
    SqsClient sqs;

    @Inject
    Queues queues;

    @Inject
    ObjectMapper json;

    @Inject
    QueuedSegmentCoordinator processor;

    @Inject
    SelectionRunRepository runs;

    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    void start(@Observes StartupEvent started) {
        if (config.selection().mode() == SelektorConfig.Selection.Mode.QUEUE
                && config.selection().queueWorker()) {
            for (int i = 0; i < config.selection().workers(); i++) {
                Thread t = new Thread(this::work, "segment-worker-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            LOG.infof("Taking selection segments from the queue with %d workers", workers.size());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        workers.forEach(Thread::interrupt);
    }

    private Queues.Queue queue() {
        return queues.queue(Queues.SELECTION_SEGMENTS, MAX_RECEIVES);
    }

    @Override
    public void handOut(SelectionRun run) {
        Queues.Queue queue = queue();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (SegmentProgress segment : runs.segments(run.runId())) {
            if (!segment.done()) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("s" + segment.segment())
                        .messageBody("{\"runId\":\"" + run.runId() + "\",\"segment\":" + segment.segment() + "}")
                        .build());
            }
        }
        for (int from = 0; from < entries.size(); from += 10) {
            List<SendMessageBatchRequestEntry> batch = entries.subList(from, Math.min(from + 10, entries.size()));
            var answer = sqs.sendMessageBatch(b -> b.queueUrl(queue.url()).entries(batch));
            if (!answer.failed().isEmpty()) {
                throw new IllegalStateException(
                        "Could not hand out segments of run " + run.runId() + ": " + answer.failed());
            }
        }
        LOG.infof("Selection run %s: %d segments handed out on %s", run.runId(), entries.size(), queue.name());
    }

    private void work() {
        int visibility = (int) config.selection().segmentVisibility().toSeconds();
        new BackgroundLoop("Taking selection segments from the queue", LOG).run(() -> stopping, () -> {
            Queues.Queue queue = queue();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue.url())
                            .maxNumberOfMessages(1)
                            .waitTimeSeconds(10)
                            .visibilityTimeout(visibility))
                    .messages();
            for (Message m : messages) {
                JsonNode body = readBody(m);
                if (body == null) {
                    sqs.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
                    continue;
                }
                LOG.infof(
                        "Working on segment %d of run %s",
                        body.path("segment").asInt(), body.path("runId").asText());
                boolean finished = processor.processSegment(
                        body.path("runId").asText(),
                        body.path("segment").asInt(),
                        () -> sqs.changeMessageVisibility(b -> b.queueUrl(queue.url())
                                .receiptHandle(m.receiptHandle())
                                .visibilityTimeout(visibility)));
                if (finished) {
                    sqs.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
                }
            }
            return BackgroundLoop.AT_ONCE;
        });
    }

    private JsonNode readBody(Message m) {
        try {
            JsonNode body = json.readTree(m.body());
            if (body.path("runId").isTextual() && body.path("segment").isInt()) {
                return body;
            }
        } catch (IOException e) {
            // falls through
        }
        LOG.warnf("Dropping a segment message that is not one: %s", m.body());
        return null;
    }
}
