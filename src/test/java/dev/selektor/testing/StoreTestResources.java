package dev.selektor.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the stand-in servers for every Quarkus test of the module; they start side by side. */
@QuarkusTestResource(value = ExtendDbTestResource.class, parallel = true)
@QuarkusTestResource(value = KafkaTestResource.class, parallel = true)
@QuarkusTestResource(value = ElasticMqTestResource.class, parallel = true)
public final class StoreTestResources {
    private StoreTestResources() {}
}
