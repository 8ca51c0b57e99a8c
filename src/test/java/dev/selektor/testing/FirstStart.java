package dev.selektor.testing;

import java.util.function.Predicate;

/**
 * The first start of a stand-in server on a port found free: another process can take that port before the server
 * binds it (the stand-ins start side by side), so the first start tries again on another port. A restart keeps its
 * port, since clients know it, and does not come here.
 */
public final class FirstStart {
    private static final int ATTEMPTS = 5;

    private FirstStart() {}

    /**
     * @param portTaken whether a failed start failed because its port was taken
     * @param takeOtherPort picks another port (and whatever else depends on it) before the next attempt
     */
    public static void onAFreePort(Runnable start, Predicate<IllegalStateException> portTaken, Runnable takeOtherPort) {
        for (int attempt = 1; ; attempt++) {
            try {
                start.run();
                return;
            } catch (IllegalStateException e) {
                if (attempt == ATTEMPTS || !portTaken.test(e)) {
                    throw e;
                }
                takeOtherPort.run();
            }
        }
    }
}
