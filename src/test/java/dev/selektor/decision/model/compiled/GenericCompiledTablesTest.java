package dev.selektor.decision.model.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.ModelEvaluation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled tables of generic evaluation (every hit policy, COLLECT's aggregations, allowed input values,
 * number, string, boolean and date inputs, nulls) answer as the engine alone does, for every combination of
 * values on and around each table's boundaries. The DMN TCK subset checks the same on the TCK's models.
 */
class GenericCompiledTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DecisionModel model;

    @BeforeAll
    static void compile() throws IOException {
        model = new DecisionModelCompiler()
                .compile(
                        "generic-hit-policies.dmn",
                        Files.readAllBytes(Path.of("src/test/resources/models/generic-hit-policies.dmn")),
                        false);
    }

    @Test
    void everyHitPolicyOfTheTestModelIsCompiled() {
        assertEquals("compiled: 9 decision table(s)", model.genericPath().describe());
    }

    @Test
    void compiledAndEngineAnswerAlikeForEveryCombinationOfBoundaryValues() {
        List<Object> ages =
                Arrays.asList(null, 0, 17, 17.99, 18, 25, 29.5, 30, 40, 49.99, 50, 60, 64.999, 65, 70, 71, 120);
        List<Object> risks = Arrays.asList(null, "Low", "Medium", "High", "Unknown");
        List<Object> members = Arrays.asList(null, true, false);
        List<Object> since =
                Arrays.asList(null, "2015-06-30", "2015-07-01", "2019-12-31", "2020-01-01", "2024-12-31", "2025-01-01");
        CompiledModel compiled = assertInstanceOf(GenericPath.Compiled.class, model.genericPath())
                .model();
        int answeredByCompiled = 0;
        List<String> differences = new ArrayList<>();
        for (Object age : ages) {
            for (Object risk : risks) {
                for (Object member : members) {
                    for (Object date : since) {
                        ObjectNode inputs = JSON.createObjectNode();
                        inputs.putPOJO("Age", age);
                        inputs.putPOJO("Risk", risk);
                        inputs.putPOJO("Member", member);
                        inputs.putPOJO("Since", date);
                        inputs = JSON.valueToTree(inputs);
                        ModelEvaluation.Answer answer = ModelEvaluation.evaluate(model, inputs, Optional.empty());
                        ModelEvaluation.Answer engine =
                                ModelEvaluation.evaluate(model.engineOnly(), inputs, Optional.empty());
                        if (!engine.equals(answer)) {
                            differences.add(inputs + "\n  engine:   " + engine + "\n  compiled: " + answer);
                        }
                        if (compiled.evaluate(feel(age, risk, member, date), Optional.empty()) != null) {
                            answeredByCompiled++;
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), differences.stream().limit(5).toList());
        int all = ages.size() * risks.size() * members.size() * since.size();
        // Whenever a table matches no rule, or a Risk is outside its allowed values, the engine answers with its
        // message.
        assertTrue(
                answeredByCompiled > all / 4, answeredByCompiled + " of " + all + " answered by the compiled tables");
    }

    @Test
    void anEvaluationWhereNoRuleMatchesIsLeftToTheEngineWithItsWarning() {
        Map<String, Object> inputs = feel(70, "High", true, "2020-05-05");
        CompiledModel compiled = ((GenericPath.Compiled) model.genericPath()).model();
        assertNull(compiled.evaluate(inputs, Optional.empty()), "Approval has no rule for 70 and High");
        assertNotNull(compiled.evaluate(inputs, Optional.of("Points")), "the other decisions compile and match");
        ModelEvaluation.Answer answer = ModelEvaluation.evaluate(
                model,
                JSON.valueToTree(Map.of("Age", 70, "Risk", "High", "Member", true, "Since", "2020-05-05")),
                Optional.empty());
        assertTrue(
                answer.messages().stream()
                        .anyMatch(m -> m.message().contains("No rule matched for decision table 'Approval'")),
                answer.messages().toString());
        assertEquals(
                0,
                new BigDecimal("16").compareTo((BigDecimal) answer.decisions().get("Points")),
                "10 + 5 + 1 for a member of 70");
    }

    private static Map<String, Object> feel(Object age, Object risk, Object member, Object since) {
        Map<String, Object> values = new HashMap<>();
        values.put("Age", age == null ? null : new BigDecimal(age.toString()));
        values.put("Risk", risk);
        values.put("Member", member);
        values.put("Since", since == null ? null : LocalDate.parse(since.toString()));
        return values;
    }
}
