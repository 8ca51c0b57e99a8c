package dev.selektor.decision.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What would let one evaluation cost without bound is refused when a model is compiled, with where and why. */
class UnboundedConstructCheckTest {
    private static final DecisionModelCompiler COMPILER = new DecisionModelCompiler();
    private static final String REVENUE_INPUT = "<text>Customer.revenue12m</text>\n        </inputExpression>";
    private static final String PRIORITY = "<text>Customer.revenue12m</text>\n    </literalExpression>";
    private static final String FIRST_CELL = "<text>>= 0.35</text>";

    private static String sample() {
        return read(Path.of("dmn/black-week-tech.dmn"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaced(String target, String replacement) {
        String xml = sample();
        assertTrue(xml.contains(target), "the sample model has " + target);
        return xml.replace(target, replacement);
    }

    private static List<ModelProblem> errors(String xml) {
        return errors(COMPILER, xml);
    }

    private static List<ModelProblem> errors(DecisionModelCompiler compiler, String xml) {
        var e = assertThrows(
                ModelRejectedException.class, () -> compiler.compile("draft", TestModels.bytes(xml), true));
        return e.problems().stream()
                .filter(p -> p.severity() == ModelProblem.Severity.ERROR)
                .toList();
    }

    private static ModelProblem onlyError(String xml) {
        List<ModelProblem> errors = errors(xml);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    private static void accepted(String xml) {
        DecisionModel model = COMPILER.compile("draft", TestModels.bytes(xml), true);
        assertEquals("black-week-tech", model.name());
    }

    @Test
    void aLoopOfFiftyMillionInAnInputExpressionIsRefusedNamingDecisionColumnSizeAndLimit() {
        ModelProblem error = onlyError(
                replaced(
                        REVENUE_INPUT,
                        "<text>Customer.revenue12m + count(for i in 1..50000000 return i) * 0</text>\n        </inputExpression>"));
        ModelProblem.TableCell cell = error.cell().orElseThrow();
        assertEquals("Selection", cell.decision());
        assertEquals(Optional.empty(), cell.row(), "an input expression is the column's header, in no row");
        assertEquals(Optional.of("Revenue (12 months, EUR)"), cell.column());
        assertTrue(error.message().contains("50,000,000 times"), error.message());
        assertTrue(error.message().contains("the limit is 10,000"), error.message());
        assertTrue(error.message().contains("selektor.decision.max-iteration"), error.message());
    }

    @Test
    void smallLiteralLoopsAndTheSampleModelsPass() {
        accepted(replaced(
                REVENUE_INPUT,
                "<text>Customer.revenue12m + count(for i in 1..10 return i) * 0</text>\n        </inputExpression>"));
        accepted(replaced(
                PRIORITY,
                "<text>Customer.revenue12m + count(for i in 1..100, j in [1, 2] return i * j) * 0"
                        + " + (if some c in Customer.categories satisfies c = \"tv\" then 0 else 0)</text>\n"
                        + "    </literalExpression>"));
        accepted(replaced(PRIORITY, "<text>Customer.revenue12m * 1.01 ** 12</text>\n    </literalExpression>"));
        accepted(replaced(
                PRIORITY,
                "<text>if matches(Customer.segment, \"^(VIP|REGULAR)$\") then 1 else 0</text>\n"
                        + "    </literalExpression>"));
    }

    @Test
    void nestedLoopsMultiplyAndTheLimitIsConfigurable() {
        String xml = replaced(
                PRIORITY,
                "<text>count(for i in 1..200 return count(for j in 1..200 return j))</text>\n"
                        + "    </literalExpression>");
        ModelProblem error = onlyError(xml);
        assertTrue(error.element().contains("decision \"Priority\""), error.element());
        assertTrue(error.message().contains("40,000 times"), error.message());
        DecisionModel model = new DecisionModelCompiler(true, 50_000).compile("draft", TestModels.bytes(xml), true);
        assertEquals("black-week-tech", model.name());
    }

    @Test
    void aRangeBoundReadFromTheCustomerIsRefusedInARowAndColumn() {
        ModelProblem error = onlyError(
                replaced(FIRST_CELL, "<text>>= 0.35 and count(for i in 1..Customer.orders12m return i) >= 0</text>"));
        assertEquals(
                Optional.of(new ModelProblem.TableCell("Selection", 1, Optional.of("Return rate (12 months)"))),
                error.cell());
        assertTrue(error.message().contains("1..Customer.orders12m"), error.message());
        assertTrue(error.message().contains("literal numbers"), error.message());
        assertTrue(onlyError(replaced(
                        PRIORITY,
                        "<text>count(for d in Run Date..Customer.lastOrderDate return d)</text>\n"
                                + "    </literalExpression>"))
                .message()
                .contains("Run Date..Customer.lastOrderDate"));
    }

    @Test
    void businessKnowledgeModelsCallingEachOtherAreRefused() {
        String xml = read(Path.of("src/test/resources/unsafe/recursive-bkms.dmn"));
        var e = assertThrows(
                ModelRejectedException.class, () -> COMPILER.compile("recursive-bkms", TestModels.bytes(xml), false));
        ModelProblem error = e.problems().get(0);
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals("businessKnowledgeModel \"Is Even\"", error.element());
        assertTrue(error.message().contains("Is Even → Is Odd → Is Even"), error.message());
    }

    @Test
    void functionsThatCallThemselvesOrTheirParametersAreRefused() {
        String self = onlyError(replaced(
                        PRIORITY,
                        "<text>{down: function(n) if n &lt;= 0 then 0 else down(n - 1), r: down(3)}.r</text>\n"
                                + "    </literalExpression>"))
                .message();
        assertTrue(self.contains("\"down\" calls itself through down → down"), self);
        String handed = onlyError(replaced(
                        PRIORITY, "<text>{f: function(g, n) g(g, n), r: f(f, 3)}.r</text>\n    </literalExpression>"))
                .message();
        assertTrue(handed.contains("calls the parameter g"), handed);
    }

    @Test
    void builtInsWhoseCostHasNoBoundAreRefused() {
        assertTrue(onlyError(replaced(
                        PRIORITY,
                        "<text>if matches(Customer.segment, \"(a+)+$\") then 1 else 0</text>\n"
                                + "    </literalExpression>"))
                .message()
                .contains("nested repetition"));
        assertTrue(onlyError(replaced(
                        PRIORITY,
                        "<text>if matches(\"x\", Customer.segment) then 1 else 0</text>\n"
                                + "    </literalExpression>"))
                .message()
                .contains("must be a string literal"));
        assertTrue(onlyError(replaced(
                        PRIORITY,
                        "<text>string length(string join(for i in 1..40 return if i = 1 then \"a\""
                                + " else partial[-1] + partial[-1], \"\"))</text>\n    </literalExpression>"))
                .message()
                .contains("reads partial"));
        for (String power : List.of("floor(10 ** 99999999)", "floor(1.5 ** Customer.orders12m)", "(2 ** 100) ** 100")) {
            String message = onlyError(replaced(PRIORITY, "<text>" + power + "</text>\n    </literalExpression>"))
                    .message();
            assertTrue(message.contains("must be a literal number"), power + ": " + message);
        }
    }

    @Test
    void aBoxedIteratorOverARangeFromAnotherDecisionIsRefused() {
        String decisions = """
                <decision id="_t_bounds" name="Bounds"><variable name="Bounds"/>
                  <informationRequirement><requiredInput href="#_bwt_Customer"/></informationRequirement>
                  <literalExpression><text>[1..Customer.orders12m]</text></literalExpression>
                </decision>
                <decision id="_t_loop" name="Loop"><variable name="Loop"/>
                  <informationRequirement><requiredDecision href="#_t_bounds"/></informationRequirement>
                  <for iteratorVariable="i">
                    <in><literalExpression><text>Bounds</text></literalExpression></in>
                    <return><literalExpression><text>i</text></literalExpression></return>
                  </for>
                </decision>
                <dmndi:DMNDI>""";
        ModelProblem error = onlyError(replaced("<dmndi:DMNDI>", decisions));
        assertTrue(error.element().contains("decision \"Loop\""), error.element());
        assertTrue(error.message().contains("the boxed for iterates over \"Bounds\""), error.message());
    }
}
