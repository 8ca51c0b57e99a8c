package dev.selektor.common;

/** The request is valid but clashes with the state of what it names; answered as 409 problem+json. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
