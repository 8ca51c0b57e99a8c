package dev.selektor.common;

/** The data store did not answer in time or failed on its side; answered as 503 so that callers retry. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
