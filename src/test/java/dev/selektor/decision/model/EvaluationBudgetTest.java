package dev.selektor.decision.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One evaluation cannot hold its thread or fill the heap: past its budget it is stopped and the thread goes on. */
class EvaluationBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEndlessEvaluationIsStoppedNamingItsBudget() {
        var e = assertThrows(
                EvaluationBudget.Exceeded.class,
                () -> EvaluationBudget.run(() -> {
                    long spins = 0;
                    while (spins >= 0) {
                        spins++;
                    }
                    return spins;
                }));
        assertTrue(e.getMessage().startsWith("evaluation stopped after "), e.getMessage());
        assertTrue(e.getMessage().contains("its budget is 200 ms"), e.getMessage());
    }

    @Test
    void anEvaluationThatFillsTheHeapIsStoppedByItsAllocationBudget() {
        var e = assertThrows(
                EvaluationBudget.Exceeded.class,
                () -> EvaluationBudget.run(() -> {
                    List<long[]> kept = new ArrayList<>();
                    while (true) {
                        kept.add(new long[1024]);
                    }
                }));
        assertTrue(e.getMessage().contains("allocating") || e.getMessage().contains("ms (its budget"), e.getMessage());
    }

    @Test
    void theThreadGoesOnAfterManyStopsAndAnswersTheNextEvaluation() {
        for (int i = 0; i < 5; i++) {
            assertThrows(
                    EvaluationBudget.Exceeded.class,
                    () -> EvaluationBudget.run(() -> {
                        double x = 1;
                        while (x > 0) {
                            x = Math.sqrt(x + 1);
                        }
                        return x;
                    }));
        }
        assertEquals(42, EvaluationBudget.run(() -> 42));
        assertEquals(
                "failed",
                assertThrows(
                                IllegalStateException.class,
                                () -> EvaluationBudget.run(() -> {
                                    throw new IllegalStateException("failed");
                                }))
                        .getMessage());
    }

    @Test
    void aModelWhoseDecisionRunsTooLongAnswersWithTheReasonAndItsOtherDecisionsStillAnswer() throws IOException {
        DecisionModel model = costlyLoop();
        var slow = ModelEvaluation.evaluate(model, JSON.readTree("{\"Factor\": 1}"), Optional.of("Load"));
        assertNull(slow.decisions().get("Load"));
        assertTrue(
                slow.failed().get("Load").contains("evaluation stopped after"),
                slow.failed().toString());
        var quick = ModelEvaluation.evaluate(model, JSON.readTree("{\"Factor\": 21}"), Optional.of("Quick"));
        assertEquals(new BigDecimal("42"), quick.decisions().get("Quick"));
    }

    @Test
    void strictWorkEndsAtTheFirstEvaluationPastItsBudget() throws IOException {
        DecisionModel model = costlyLoop();
        var inputs = JSON.readTree("{\"Factor\": 1}");
        var e = assertThrows(
                EvaluationBudget.Exceeded.class,
                () -> EvaluationBudget.strict(() -> ModelEvaluation.evaluate(model, inputs, Optional.of("Load"))));
        assertTrue(e.getMessage().startsWith("evaluation stopped after"), e.getMessage());
    }

    @Test
    void theCostProbeNamesTheDecisionThatPassesItsBudget() throws IOException {
        DecisionModel model = costlyLoop();
        var problem = CostProbe.check(model, List.of(TestModels.customer("")), TestModels.TODAY);
        assertTrue(problem.isPresent());
        assertEquals("decision \"Load\"", problem.get().element());
        assertTrue(
                problem.get().message().contains("evaluation stopped after"),
                problem.get().message());
        assertNotNull(problem.get().message());
    }

    private static DecisionModel costlyLoop() throws IOException {
        try (InputStream in = EvaluationBudgetTest.class.getResourceAsStream("/models/costly-loop.dmn")) {
            return new DecisionModelCompiler(true, 100_000_000L).compile("costly-loop.dmn", in.readAllBytes(), false);
        }
    }
}
