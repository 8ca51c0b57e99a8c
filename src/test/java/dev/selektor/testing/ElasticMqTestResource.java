package dev.selektor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one ElasticMQ for all Quarkus tests and points the application's SQS client at it. */
public class ElasticMqTestResource implements QuarkusTestResourceLifecycleManager {
    private static ElasticMqServer server;

    public static ElasticMqServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new ElasticMqServer();
        server.start();
        return server.clientSettings();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
