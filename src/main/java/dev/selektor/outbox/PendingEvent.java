package dev.selektor.outbox;

/** An event in the outbox, waiting to be published: its id, its Kafka key and its JSON, as written with the result. */
public record PendingEvent(String eventId, String customerId, String json) {

    public static PendingEvent of(CustomerSelected event) {
        return new PendingEvent(event.eventId(), event.customerId(), event.toJson());
    }
}
