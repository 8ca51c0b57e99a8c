package dev.selektor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** An OpenSearch node for the test classes that ask for it (the customer index is off for the others). */
public class OpenSearchTestResource implements QuarkusTestResourceLifecycleManager {
    private static OpenSearchNode node;

    @Override
    public Map<String, String> start() {
        node = new OpenSearchNode();
        node.start();
        return node.clientSettings();
    }

    /** The node of the running test class, for tests that stop and start it. */
    public static OpenSearchNode node() {
        return node;
    }

    @Override
    public void stop() {
        if (node != null) {
            node.stop();
        }
    }
}
