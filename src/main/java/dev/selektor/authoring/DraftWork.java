package dev.selektor.authoring;

import dev.selektor.common.SelektorConfig;
import dev.selektor.decision.model.EvaluationBudget;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Where a draft's work runs: its probe and its regression cases, on threads of their own, so that a draft, which
 * business users write, never holds a thread the live decisions need; and strictly, so that the first evaluation
 * past its budget ends the work instead of each case waiting out its own.
 */
@ApplicationScoped
public class DraftWork {

    @Inject
    SelektorConfig config;

    private ExecutorService threads;

    @PostConstruct
    void start() {
        threads = Executors.newFixedThreadPool(config.decision().budget().draftWorkers(), r -> {
            Thread t = new Thread(r, "draft-work");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /**
     * Runs the work on the draft threads and waits for it.
     *
     * @throws EvaluationBudget.Exceeded when an evaluation passed its budget
     */
    public <T> T run(Supplier<T> work) {
        Future<T> done = threads.submit(() -> EvaluationBudget.strict(work));
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for draft work", e);
        }
    }
}
