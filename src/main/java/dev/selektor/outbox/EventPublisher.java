package dev.selektor.outbox;

import java.util.List;
import java.util.Set;

/** Where outbox events go (Kafka in the service). */
public interface EventPublisher {

    /**
     * Publishes the events and waits for the broker's acknowledgements.
     *
     * @return the ids of the events the broker has acknowledged; the others must be tried again later
     */
    Set<String> publish(List<PendingEvent> events);
}
