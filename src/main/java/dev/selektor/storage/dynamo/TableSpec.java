package dev.selektor.storage.dynamo;

import java.util.List;
import java.util.Optional;

/** A table's key schema and global secondary indexes; every key attribute is a string. */
public record TableSpec(String name, String partitionKey, Optional<String> sortKey, List<IndexSpec> indexes) {

    /** A global secondary index projecting all attributes. */
    public record IndexSpec(String name, String partitionKey, String sortKey) {}

    public static TableSpec keyedBy(String name, String partitionKey) {
        return new TableSpec(name, partitionKey, Optional.empty(), List.of());
    }

    public static TableSpec keyedBy(String name, String partitionKey, String sortKey, IndexSpec... indexes) {
        return new TableSpec(name, partitionKey, Optional.of(sortKey), List.of(indexes));
    }
}
