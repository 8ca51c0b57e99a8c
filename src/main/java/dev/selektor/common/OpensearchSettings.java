package dev.selektor.common;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code selektor.opensearch.*}: the customer index for audience questions. */
public interface OpensearchSettings {
    /** Unset: no customer index, and the audience endpoints answer 503. Set: the node, e.g. http://127.0.0.1:9200. */
    Optional<java.net.URI> url();

    /** Put before the index and alias names, so that environments can share a cluster. */
    @WithDefault("selektor-")
    String indexPrefix();

    /** Upper bound of one call: an audience question fails with 503 within about this time. */
    @WithDefault("4s")
    java.time.Duration timeout();

    /** Customers per bulk request when the index is filled. */
    @WithDefault("1000")
    int bulkSize();
}
