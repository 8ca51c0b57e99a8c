package dev.selektor.storage.dynamo;

import dev.selektor.common.StoreUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Translates the SDK's failures into the domain's: "the store is unavailable" is a state callers can act on. */
public final class DynamoCalls {
    private DynamoCalls() {}

    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(what + ": " + e.getMessage(), e);
        } catch (DynamoDbException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
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
