package dev.selektor.policy;

/** How one named policy judged one customer, for the explanation; {@code reason} is the code the policy gives when it rejects. */
public record PolicyCheck(String name, Result result, PolicyReason reason) {

    public enum Result {
        PASSED,
        REJECTED,
        NOT_APPLICABLE
    }
}
