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
        return server.clientSettings();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
