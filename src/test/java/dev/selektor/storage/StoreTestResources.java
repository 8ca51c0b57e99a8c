package dev.selektor.storage;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the stand-in servers for every Quarkus test of the module. */
@QuarkusTestResource(ExtendDbTestResource.class)
public final class StoreTestResources {
    private StoreTestResources() {
    }
}
