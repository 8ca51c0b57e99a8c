package dev.selektor.common;

import java.util.List;

/** Input that breaks the contract; answered as 400 problem+json listing every bad field. */
public class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInputException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(FieldError error) {
        this(error.field() + ": " + error.message(), List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
