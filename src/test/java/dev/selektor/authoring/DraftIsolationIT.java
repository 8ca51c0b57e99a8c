package dev.selektor.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.testing.ExtendDbServer;
import dev.selektor.testing.PackagedService;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.TestUsers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A costly draft forced past validation (the static iteration limit raised, the cost probe off) in the packaged
 * service, a process of its own: its regression cases stop at their budget while checkout's decisions for the
 * published model, sent at 200 requests/s, keep answering within a second; health stays UP; SIGTERM still ends the
 * process within 10 s. Runs in {@code mvn verify}, after packaging.
 */
class DraftIsolationIT {
    private static final String RUN_DATE = "2026-11-26";
    private static final int CUSTOMERS = 200;
    private static final Path LOGS = Path.of("target/draft-isolation-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDITOR = TestUsers.basic("editor");
    private static final String CHECKOUT = TestUsers.basic("checkout");
    private static final Duration CHECKOUT_PATIENCE = Duration.ofSeconds(1);

    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    private static ExtendDbServer store;
    private static PackagedService service;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        // PackagedService says so when the package is missing (this test runs in mvn verify, after packaging).
        Files.createDirectories(LOGS);
        store = new ExtendDbServer();
        store.start();
        Map<String, String> settings = new HashMap<>(store.clientSettings());
        settings.put("selektor.dynamodb.table-prefix", "selektor-draft-it-");
        settings.put("selektor.outbox.relay-enabled", "false");
        // Forced past validation: what the static check and the probe would refuse reaches the draft's test run.
        settings.put("selektor.decision.max-iteration", "100000000");
        settings.put("selektor.decision.budget.probe", "false");
        service = PackagedService.start("draft-isolation", settings, LOGS.resolve("service.log"), "-Xmx512m");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        THREADS.shutdownNow();
        if (service != null) {
            service.kill();
        }
        if (store != null) {
            store.stop();
        }
    }

    @Test
    void aCostlyDraftsTestRunStopsAtItsBudgetWhileCheckoutKeepsItsAnswersAndTheServiceStillStops() throws Exception {
        importCustomers();
        expect(200, "PUT", "/campaigns/black-week-tech", SampleCampaigns.json("black-week-tech"), "application/json");
        String draftId = JSON.readTree(expect(
                        201,
                        "POST",
                        "/decision-models/black-week-tech/drafts",
                        CostlyDrafts.blackWeekTech(),
                        "application/xml"))
                .path("draftId")
                .asText();
        // The JIT's first minutes are not what checkout lives with; the measured window begins after them.
        decisions(Duration.ofSeconds(5));

        CompletableFuture<Load> load = CompletableFuture.supplyAsync(() -> decisions(Duration.ofSeconds(20)), THREADS);
        CompletableFuture<List<String>> health =
                CompletableFuture.supplyAsync(() -> healthDuring(Duration.ofSeconds(20)), THREADS);
        Thread.sleep(2_000);
        List<JsonNode> reports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            JsonNode report = JSON.readTree(expect(200, "POST", testsOf(draftId), null, null));
            reports.add(report);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("draft test run %d stopped after %d ms: %s%n", i + 1, tookMs, report.path("stopped"));
            assertTrue(tookMs < 10_000, "the draft's test run stopped at its budget, not after " + tookMs + " ms");
        }
        for (JsonNode report : reports) {
            assertTrue(
                    report.path("stopped").asText().contains("evaluation stopped after"),
                    "the test run says why it stopped: " + report);
        }

        Load measured = load.get();
        System.out.printf(
                "%d decisions at 200/s, %d failed, the slowest took %d ms%n",
                measured.sent(), measured.failures().size(), measured.slowest().toMillis());
        assertTrue(measured.sent() >= 3_000, "200 requests/s for 20 s were sent: " + measured.sent());
        assertEquals(List.of(), measured.failures(), "every decision answered 200");
        assertTrue(
                measured.slowest().compareTo(CHECKOUT_PATIENCE) < 0,
                "no decision slower than a checkout call's patience: the slowest took " + measured.slowest());
        assertEquals(List.of(), health.get(), "/q/health stayed UP while the draft's work ran");

        // SIGTERM while the draft's cases run again.
        CompletableFuture.runAsync(
                () -> service.send("POST", testsOf(draftId), EDITOR, null, null, Duration.ofMinutes(1)), THREADS);
        Thread.sleep(200);
        long signalled = System.nanoTime();
        service.process().destroy();
        assertTrue(
                service.process().waitFor(10, TimeUnit.SECONDS),
                "the service stops on SIGTERM within 10 s:\n" + service.logText());
        System.out.printf("stopped %d ms after SIGTERM%n", (System.nanoTime() - signalled) / 1_000_000);
    }

    private static String testsOf(String draftId) {
        return "/decision-models/black-week-tech/drafts/" + draftId + "/tests";
    }

    private static void importCustomers() {
        SyntheticCustomers generator = new SyntheticCustomers(17, LocalDate.parse(RUN_DATE));
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= CUSTOMERS; i++) {
            ndjson.append(SyntheticCustomers.toJson(generator.next(i))).append('\n');
        }
        expect(200, "POST", "/customers/import", ndjson.toString(), "application/x-ndjson");
    }

    private static String expect(int status, String method, String path, String body, String contentType) {
        HttpResponse<String> answer = service.send(
                method,
                path,
                EDITOR,
                contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(2));
        assertEquals(status, answer.statusCode(), method + " " + path + ": " + answer.body());
        return answer.body();
    }

    record Load(int sent, List<String> failures, Duration slowest) {}

    /** Checkout's decisions for stored customers at 200 requests/s, each sent on time whatever the earlier ones do. */
    private static Load decisions(Duration window) {
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        long total = window.toMillis() / 5;
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(
                () -> {
                    int n = sent.incrementAndGet();
                    if (n > total) {
                        return;
                    }
                    long due = start + (n - 1) * 5_000_000L;
                    THREADS.execute(() -> decide(n, due, failures, nanos));
                },
                0,
                5,
                TimeUnit.MILLISECONDS);
        try {
            Thread.sleep(window.toMillis());
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (nanos.size() + failures.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long slowest = nanos.stream().mapToLong(Long::longValue).max().orElse(0);
        int answered = nanos.size() + failures.size();
        if (answered < total) {
            failures.add((total - answered) + " decisions had no answer 30 s after the last was sent");
        }
        return new Load((int) total, List.copyOf(failures), Duration.ofNanos(slowest));
    }

    /** Its time counts from when it was due, so that a late sender cannot hide a slow answer. */
    private static void decide(
            int n, long due, ConcurrentLinkedQueue<String> failures, ConcurrentLinkedQueue<Long> nanos) {
        String body = "{\"customerId\": \"C-%09d\", \"runDate\": \"%s\"}".formatted(1 + n % CUSTOMERS, RUN_DATE);
        try {
            HttpResponse<String> answer = service.send(
                    "POST",
                    "/campaigns/black-week-tech/decisions",
                    CHECKOUT,
                    "application/json",
                    body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(60));
            nanos.add(System.nanoTime() - due);
            if (answer.statusCode() != 200) {
                failures.add(answer.statusCode() + " " + answer.body());
            }
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
    }

    /** Every answer of /q/health other than 200 UP, asked twice a second. */
    private static List<String> healthDuring(Duration window) {
        List<String> notUp = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> answer =
                        service.send("GET", "/q/health", EDITOR, null, null, Duration.ofSeconds(5));
                if (answer.statusCode() != 200 || !answer.body().contains("\"UP\"")) {
                    notUp.add(answer.statusCode() + " " + answer.body());
                }
                Thread.sleep(500);
            } catch (RuntimeException e) {
                notUp.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return notUp;
    }
}
