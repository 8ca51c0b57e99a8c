package dev.selektor.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.common.FieldError;
import java.util.List;

/** RFC 9457 problem details, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("about:blank", "Invalid input", 400, detail, errors);
    }
}
