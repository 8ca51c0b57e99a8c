package dev.selektor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the stand-ins' scripts in {@code bin/} (start, stop) and fails with its output when it fails. */
final class StandInScript {
    private StandInScript() {}

    static void run(String script, String command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(script, command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + script + " " + command, e);
        }
    }
}
