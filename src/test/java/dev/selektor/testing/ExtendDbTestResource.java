package dev.selektor.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one ExtendDB for all Quarkus tests and points the application at it. */
public class ExtendDbTestResource implements QuarkusTestResourceLifecycleManager {
    private static ExtendDbServer server;

    /** The running server, for tests that take the store away and bring it back. */
    public static ExtendDbServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new ExtendDbServer();
        server.start();
        return Map.of(
                "selektor.dynamodb.endpoint",
                server.endpoint().toString(),
                "selektor.dynamodb.region",
                "us-east-1",
                "selektor.dynamodb.access-key-id",
                ExtendDbServer.ACCESS_KEY,
                "selektor.dynamodb.secret-access-key",
                ExtendDbServer.SECRET_KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
