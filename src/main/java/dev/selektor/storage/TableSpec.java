package dev.selektor.storage;

import java.util.Optional;

/** A table's key schema; every key attribute is a string. Features declare their tables with this. */
public record TableSpec(String name, String partitionKey, Optional<String> sortKey) {

    public static TableSpec keyedBy(String name, String partitionKey) {
        return new TableSpec(name, partitionKey, Optional.empty());
    }
}
