package dev.selektor.storage.dynamo;

import dev.selektor.common.StoreUnavailableException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Translates the SDK's failures into the domain's: "the store is unavailable" is a state callers can act on, and
 * one that passes (the store unreachable or timing out, 5xx, throttling and request limits), so that it is worth
 * trying again. Any other failure (validation, a failed condition) is the SDK's own.
 */
public final class DynamoCalls {
    /** Error codes DynamoDB answers with when it refuses for a moment, some with status 400. */
    private static final Set<String> PASSING = Set.of(
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "RequestLimitExceeded",
            "InternalServerError",
            "ServiceUnavailable");

    private DynamoCalls() {}

    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(what + ": " + e.getMessage(), e);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500
                    || e.statusCode() == 429
                    || e.isThrottlingException()
                    || (e.awsErrorDetails() != null
                            && PASSING.contains(e.awsErrorDetails().errorCode()))) {
                throw new StoreUnavailableException(what + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
