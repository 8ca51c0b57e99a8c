package dev.selektor.common;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code selektor.dynamodb.*}: the store. */
public interface DynamodbSettings {
    /** Unset: AWS's regional endpoint. Set (e.g. http://127.0.0.1:8000): a DynamoDB-compatible server there. */
    Optional<java.net.URI> endpoint();

    @WithDefault("eu-central-1")
    String region();

    /** Unset: the AWS default credentials chain (environment, profile, instance or task role). */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Put before every table name, so that environments can share an account. */
    @WithDefault("selektor-")
    String tablePrefix();

    /** Create missing tables at start-up; switch off where tables are managed by infrastructure code. */
    @WithDefault("true")
    boolean createTables();

    /** Upper bound for one call including retries: a request fails with 503 within about this time. */
    @WithDefault("4s")
    java.time.Duration apiCallTimeout();

    @WithDefault("1500ms")
    java.time.Duration apiCallAttemptTimeout();

    @WithDefault("2")
    int maxRetries();
}
