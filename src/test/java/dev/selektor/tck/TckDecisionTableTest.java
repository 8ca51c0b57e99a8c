package dev.selektor.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.ModelEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The decision-table and hit-policy cases of the DMN TCK, the public conformance suite of the DMN standard
 * (repository dmn-tck/tck, folder TestCases/, Apache License 2.0): each model loaded through the service's
 * compile-and-validate step and each case evaluated through the generic evaluation endpoint's path, inputs and
 * results as JSON. One dynamic test per TCK case, named after its folder and id.
 *
 * <p>The TCK's files are not part of this repository: the test reads an unchanged copy of the TCK's
 * {@code TestCases/} folders named below from {@code -Dtck.dir} (default {@code ../shared/tck}, beside the
 * checkout). Without that folder the suite is reported as skipped, saying so; with it, every case must pass.
 * Each case is also evaluated by the engine alone: where the model has compiled tables, both answers must be equal.
 */
class TckDecisionTableTest {
    private static final Path TCK = Path.of(System.getProperty("tck.dir", "../shared/tck"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DecisionModelCompiler COMPILER = new DecisionModelCompiler();
    // The subset the generic-evaluation issue names; a folder missing from the copy is a failure, not a skip.
    private static final Set<String> SUBSET = new TreeSet<>(List.of(
            "compliance-level-2/0004-simpletable-U", "compliance-level-2/0005-simpletable-A",
            "compliance-level-2/0006-simpletable-P1", "compliance-level-2/0007-simpletable-P2",
            "compliance-level-2/0010-multi-output-U", "compliance-level-2/0108-first-hitpolicy",
            "compliance-level-2/0109-ruleOrder-hitpolicy", "compliance-level-2/0110-outputOrder-hitpolicy",
            "compliance-level-2/0111-first-hitpolicy-singleoutputcol",
                    "compliance-level-2/0112-ruleOrder-hitpolicy-singleinoutcol",
            "compliance-level-2/0113-outputOrder-hitpolicy-singleinoutcol",
                    "compliance-level-2/0114-min-collect-hitpolicy",
            "compliance-level-2/0115-sum-collect-hitpolicy", "compliance-level-2/0116-count-collect-hitpolicy",
            "compliance-level-2/0117-multi-any-hitpolicy", "compliance-level-2/0118-multi-priority-hitpolicy",
            "compliance-level-2/0119-multi-collect-hitpolicy", "compliance-level-3/0017-tableTests",
            "compliance-level-3/0036-dt-variable-input", "compliance-level-3/0039-dt-list-semantics"));

    @TestFactory
    Stream<DynamicNode> everyCaseOfTheSubset() throws IOException {
        if (!Files.isDirectory(TCK)) {
            // Shown as one skipped test, so that a run without the copy says so instead of passing silently.
            return Stream.of(DynamicTest.dynamicTest(
                    "DMN TCK subset",
                    () -> Assumptions.abort("No copy of the DMN TCK test cases at " + TCK.toAbsolutePath()
                            + " (set -Dtck.dir); the TCK subset was not run")));
        }
        List<DynamicNode> folders = new ArrayList<>();
        for (String folder : SUBSET) {
            folders.add(DynamicContainer.dynamicContainer(folder, casesOf(TCK.resolve(folder))));
        }
        return folders.stream();
    }

    private static List<DynamicNode> casesOf(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            return List.of(DynamicTest.dynamicTest(name + " is in the copy", () -> fail(folder + " is missing")));
        }
        List<Path> testFiles;
        try (Stream<Path> list = Files.list(folder)) {
            testFiles = list.filter(p -> p.getFileName().toString().matches(".*-test-\\d+\\.xml"))
                    .sorted()
                    .toList();
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (Path file : testFiles) {
            TckTestFile parsed;
            try {
                parsed = TckTestFile.parse(Files.readAllBytes(file));
            } catch (Exception e) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " is readable", () -> fail(e)));
                continue;
            }
            Path modelFile = folder.resolve(parsed.modelName());
            // Compiled once per file, lazily, so that a model the service refuses fails each of its cases by name.
            var model = new Object() {
                DecisionModel compiled;

                DecisionModel get() throws IOException {
                    if (compiled == null) {
                        compiled = COMPILER.compile(
                                modelFile.getFileName().toString(), Files.readAllBytes(modelFile), false);
                    }
                    return compiled;
                }
            };
            for (TckTestFile.Case c : parsed.cases()) {
                tests.add(DynamicTest.dynamicTest(
                        name + " " + c.id()
                                + c.description().map(d -> " (" + d + ")").orElse(""),
                        () -> {
                            ModelEvaluation.Answer answer =
                                    ModelEvaluation.evaluate(model.get(), c.inputs(), Optional.empty());
                            // The compiled tables, where the model has them, answer exactly as the engine alone does.
                            ModelEvaluation.Answer engine =
                                    ModelEvaluation.evaluate(model.get().engineOnly(), c.inputs(), Optional.empty());
                            assertEquals(
                                    engine,
                                    answer,
                                    "compiled (" + model.get().genericPath().describe() + ") and engine differ");
                            JsonNode decisions = JSON.valueToTree(answer.decisions());
                            for (TckTestFile.Result expected : c.results()) {
                                JsonNode actual = decisions.get(expected.name());
                                if (expected.expectError()) {
                                    assertTrue(
                                            actual == null
                                                    || actual.isNull()
                                                    || answer.failed().containsKey(expected.name()),
                                            expected.name() + ": the TCK expects an error, got " + actual);
                                    continue;
                                }
                                assertTrue(
                                        decisions.has(expected.name()),
                                        "no decision \"" + expected.name() + "\" in " + decisions);
                                difference("", expected.expected(), actual)
                                        .ifPresent(d -> fail(expected.name() + d + "\n  expected: "
                                                + expected.expected() + "\n  actual:   " + actual + "\n  messages: "
                                                + answer.messages()));
                            }
                        }));
            }
        }
        assertEquals(false, testFiles.isEmpty(), folder + " has no test file");
        return tests;
    }

    /** Numbers by value, lists in order, structures by component; empty when they agree. */
    static Optional<String> difference(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || expected.isNull()) {
            return actual == null || actual.isNull()
                    ? Optional.empty()
                    : Optional.of(at(path) + "expected null, got " + actual);
        }
        if (actual == null || actual.isNull()) {
            return Optional.of(at(path) + "expected " + expected + ", got null");
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0
                    ? Optional.empty()
                    : Optional.of(at(path) + "expected the number " + expected + ", got " + actual);
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return Optional.of(at(path) + "expected a list of " + expected.size() + ", got " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> d = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return Optional.of(at(path) + "expected a structure, got " + actual);
            }
            Set<String> expectedNames = new TreeSet<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            Set<String> actualNames = new TreeSet<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            if (!expectedNames.equals(actualNames)) {
                return Optional.of(at(path) + "expected the components " + expectedNames + ", got " + actualNames);
            }
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                Optional<String> d = difference(path + "." + field, expected.get(field), actual.get(field));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual)
                ? Optional.empty()
                : Optional.of(at(path) + "expected " + expected + ", got " + actual);
    }

    private static String at(String path) {
        return path.isEmpty() ? ": " : " at " + path + ": ";
    }
}
