package dev.selektor.common;

/** The user has the right role but this particular action is not theirs to take (e.g. approving their own draft). */
public class ForbiddenActionException extends RuntimeException {
    public ForbiddenActionException(String message) {
        super(message);
    }
}
