package dev.selektor.outbox;

/** The broker did not take the events; they stay in the outbox and are tried again. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
