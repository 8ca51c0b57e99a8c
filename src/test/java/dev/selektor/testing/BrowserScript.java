package dev.selektor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A browser flow under src/test/browser, run by node in headless Chromium against the test's server: its output goes
 * to the test log, its screenshots to a folder of its own, and its one JSON line is the result.
 */
public final class BrowserScript {
    private static final Logger LOG = Logger.getLogger(BrowserScript.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    // The scripts stop themselves after 5 minutes; this is the backstop should node itself hang.
    private static final long TIMEOUT_MINUTES = 7;

    private BrowserScript() {}

    /** CI installs node, Chromium and playwright-core (.ci/run): a missing one is a broken machine, not a skip. */
    public static void requireBrowserTools() {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium package");
        assertTrue(
                Files.isDirectory(Path.of("node_modules/playwright-core")),
                "node_modules/playwright-core is missing: run npm ci");
        try {
            Process node = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(
                    node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0, "node --version failed: " + version);
        } catch (IOException e) {
            fail("node is not installed (it runs the browser script): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking node");
        }
    }

    /**
     * Runs {@code script} with the arguments {@code base}, {@code screenshots} and {@code more}; checks that it
     * succeeded and wrote every screenshot in {@code expectedShots}, and answers its JSON result.
     */
    public static JsonPath run(Path script, String base, Path screenshots, List<String> expectedShots, String... more)
            throws IOException, InterruptedException {
        requireBrowserTools();
        // Screenshots of an earlier run must not pass for this one's.
        if (Files.isDirectory(screenshots)) {
            try (var old = Files.list(screenshots)) {
                for (Path file : old.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString(), base, screenshots.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        AtomicReference<String> result = new AtomicReference<>();
        Thread forward = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            LOG.info("[browser] " + line);
                            if (line.startsWith("{")) {
                                result.set(line);
                            }
                        }
                    } catch (IOException e) {
                        LOG.warn("reading the browser script's output failed", e);
                    }
                },
                "browser-script-output");
        forward.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the browser script did not finish within " + TIMEOUT_MINUTES + " minutes; see " + screenshots);
        }
        forward.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(
                0,
                process.exitValue(),
                "the browser script failed (its output is in the log above, its screenshots in "
                        + screenshots.toAbsolutePath() + ")");
        assertNotNull(result.get(), "the browser script printed no JSON result");
        for (String shot : expectedShots) {
            Path file = screenshots.resolve(shot);
            assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, "no screenshot " + file);
        }
        return JsonPath.from(result.get());
    }
}
