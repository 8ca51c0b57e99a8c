package dev.selektor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one Kafka broker for all Quarkus tests and points the outbox relay at it. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;

    /** The running broker, for tests that restart it. */
    public static KafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = new KafkaBroker();
        broker.start();
        return broker.clientSettings();
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }
}
