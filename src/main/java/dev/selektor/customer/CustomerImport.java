package dev.selektor.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports NDJSON customer facts as a stream: each line is checked against the contract, good lines are written in
 * batches of 25 while the next lines are read, bad lines are reported. Memory stays bounded by the few batches in
 * flight, whatever the size of the file. A line is counted as imported only once its batch is confirmed written.
 */
@ApplicationScoped
public class CustomerImport {
    public static final int MAX_ERRORS = 1_000;
    private static final int BATCHES_IN_FLIGHT = 4;

    public record LineError(long line, String field, String message) {}

    public record Report(long imported, long rejected, List<LineError> errors, boolean truncated) {}

    /** The store failed mid-import: {@code imported} lines were stored before that, the rest were not. */
    public static class Aborted extends StoreUnavailableException {
        private final Report soFar;

        Aborted(Report soFar, StoreUnavailableException cause) {
            super("import stopped after " + soFar.imported() + " stored lines: " + cause.getMessage(), cause);
            this.soFar = soFar;
        }

        public Report soFar() {
            return soFar;
        }
    }

    @Inject
    CustomerFactsRepository repository;

    @Inject
    BusinessClock clock;

    @Inject
    ObjectMapper json;

    private final ExecutorService writers = Executors.newFixedThreadPool(BATCHES_IN_FLIGHT, r -> {
        Thread t = new Thread(r, "customer-import-writer");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }

    public Report importNdjson(InputStream body) {
        LocalDate today = clock.today();
        var state = new State();
        Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
        Map<String, CustomerFacts> batch = new LinkedHashMap<>();
        long[] batchLines = {0};
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null && state.failure.get() == null) {
                lineNumber++;
                CustomerFacts facts = parseLine(lineNumber, line, today, state);
                if (facts == null) {
                    continue;
                }
                // A repeated id in one batch would be refused by DynamoDB; the later line wins, as it would in
                // sequence.
                batch.put(facts.customerId(), facts);
                batchLines[0]++;
                if (batch.size() == CustomerFactsRepository.MAX_BATCH) {
                    submit(new ArrayList<>(batch.values()), batchLines[0], inFlight, state);
                    batch.clear();
                    batchLines[0] = 0;
                }
            }
            if (!batch.isEmpty() && state.failure.get() == null) {
                submit(new ArrayList<>(batch.values()), batchLines[0], inFlight, state);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the import body failed", e);
        } finally {
            inFlight.acquireUninterruptibly(BATCHES_IN_FLIGHT);
        }
        Report report = new Report(state.imported.get(), state.rejected, List.copyOf(state.errors), state.truncated);
        if (state.failure.get() != null) {
            throw new Aborted(report, state.failure.get());
        }
        return report;
    }

    private void submit(List<CustomerFacts> facts, long lines, Semaphore inFlight, State state) {
        inFlight.acquireUninterruptibly();
        try {
            writers.execute(() -> {
                try {
                    repository.saveAll(facts);
                    state.imported.addAndGet(lines);
                } catch (StoreUnavailableException e) {
                    state.failure.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    state.failure.compareAndSet(null, new StoreUnavailableException("batch write failed: " + e, e));
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private CustomerFacts parseLine(long lineNumber, String line, LocalDate today, State state) {
        if (line.isBlank()) {
            state.reject(
                    lineNumber,
                    List.of(new LineError(lineNumber, "", "empty line: one JSON object per line expected")));
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            state.reject(
                    lineNumber, List.of(new LineError(lineNumber, "", "malformed JSON: " + e.getOriginalMessage())));
            return null;
        }
        var parsed = CustomerFactsParser.parse(node, today);
        if (parsed instanceof CustomerFactsParser.Result.Invalid invalid) {
            state.reject(
                    lineNumber,
                    invalid.errors().stream()
                            .map(e -> new LineError(lineNumber, e.field(), e.message()))
                            .toList());
            return null;
        }
        return ((CustomerFactsParser.Result.Valid) parsed).facts();
    }

    private static final class State {
        final AtomicLong imported = new AtomicLong();
        final AtomicReference<StoreUnavailableException> failure = new AtomicReference<>();
        final List<LineError> errors = new ArrayList<>();
        long rejected;
        boolean truncated;

        void reject(long line, List<LineError> lineErrors) {
            rejected++;
            for (LineError error : lineErrors) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(error);
                } else {
                    truncated = true;
                }
            }
        }
    }
}
