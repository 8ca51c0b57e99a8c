package dev.selektor.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.DecisionModelFolder;
import dev.selektor.policy.drl.PolicyRulesLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The marketers' regression suite: every case of every file in {@code decision-tests/} against the models in
 * {@code dmn/} and the policies in {@code rules/}, each case its own test named after its file and case.
 */
class DecisionRegressionTest {
    private static final Path CASES = Path.of(System.getProperty("selektor.decision-tests.dir", "decision-tests"));
    private static final Path MODELS = Path.of(System.getProperty("selektor.models.dir", "dmn"));
    private static final Path RULES = Path.of(System.getProperty("selektor.rules.dir", "rules"));

    @TestFactory
    Stream<DynamicNode> everyCaseOfEveryModel() throws IOException {
        Map<String, DecisionModel> models = DecisionModelFolder.load(MODELS, new DecisionModelCompiler());
        DecisionTestRunner runner = new DecisionTestRunner(new CampaignDecider(PolicyRulesLoader.load(RULES)));
        List<Path> files;
        try (Stream<Path> list = Files.list(CASES)) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            DecisionTestFile.Parsed parsed = DecisionTestFile.parse(fileName, Files.readString(file));
            List<DynamicNode> tests = new ArrayList<>();
            DecisionModel model = models.get(parsed.model());
            if (model == null) {
                tests.add(DynamicTest.dynamicTest(
                        "model exists",
                        () -> fail(fileName + " tests the model \"" + parsed.model() + "\", but " + MODELS
                                + " has no such model (known: " + models.keySet() + ")")));
            }
            for (String error : parsed.errors()) {
                tests.add(DynamicTest.dynamicTest("file is readable: " + error, () -> fail(error)));
            }
            if (model != null) {
                for (DecisionTestCase testCase : parsed.cases()) {
                    tests.add(DynamicTest.dynamicTest(fileName + ": " + testCase.displayName(), () -> {
                        var result = runner.run(model, testCase);
                        if (!result.passed()) {
                            fail(result.report());
                        }
                    }));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(fileName, tests));
        }
        // The case files are campaign-shaped (facts in, outcome out); other models are tested where they are used.
        for (DecisionModel model :
                models.values().stream().filter(DecisionModel::isCampaignModel).toList()) {
            boolean covered =
                    files.stream().anyMatch(f -> f.getFileName().toString().equals(model.name() + ".csv"));
            nodes.add(DynamicTest.dynamicTest(
                    "model " + model.name() + " has regression cases",
                    () -> assertTrue(
                            covered,
                            "Every campaign model needs its cases: add " + CASES.resolve(model.name() + ".csv"))));
        }
        return nodes.stream();
    }
}
