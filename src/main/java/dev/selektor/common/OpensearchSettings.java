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

    /**
     * Whether this instance follows the customers table's stream into the index (one instance at a time does, by
     * lease). Off where nothing runs between requests (the Lambda function).
     */
    @WithDefault("true")
    boolean followStream();

    /** The pause between two reads of the stream once every change is applied. */
    @WithDefault("500ms")
    java.time.Duration followPause();

    /**
     * Set for Amazon OpenSearch Service: the domain's region, and every request is signed with SigV4 using the
     * default AWS credentials (the instance's or function's role). Unset: plain HTTP to a node of our own.
     */
    Optional<String> awsRegion();

    /** The signing name: {@code es} for a domain, {@code aoss} for an OpenSearch Serverless collection. */
    @WithDefault("es")
    String awsService();
}
