package dev.selektor.common;

/** A named thing (campaign, customer, model) that does not exist; answered as 404 problem+json. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
