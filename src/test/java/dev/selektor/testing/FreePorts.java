package dev.selektor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports on 127.0.0.1 that nobody listens on right now, for the stand-in servers and the packaged service. Another
 * process may take one before it is bound: {@link FirstStart} tries again on another.
 */
public final class FreePorts {
    private FreePorts() {}

    /** A port that is free now. */
    public static int one() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor is free too (Kafka's controller listens on the broker's port + 1). */
    public static int withFreeSuccessor() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                try (ServerSocket successor = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no two neighbouring free ports found");
    }
}
