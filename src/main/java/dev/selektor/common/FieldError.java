package dev.selektor.common;

/** One reason why an input was refused; {@code field} is a JSON pointer such as {@code /customer/revenue12m}. */
public record FieldError(String field, String message) {

    public FieldError withPrefix(String pointerPrefix) {
        return new FieldError(pointerPrefix + field, message);
    }
}
