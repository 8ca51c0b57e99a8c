package dev.selektor.decision.model.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.bench.BenchCustomers;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.Decision;
import dev.selektor.decision.model.CampaignModelEvaluator;
import dev.selektor.decision.model.CustomerContext;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.DecisionModelFolder;
import dev.selektor.decision.model.TestModels;
import dev.selektor.decision.model.convention.ModelResult;
import dev.selektor.policy.drl.PolicyRulesLoader;
import dev.selektor.regression.DecisionTestFile;
import dev.selektor.regression.DecisionTestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The compiled tables must answer exactly as the Drools engine: same outcome, discount, reason, priority, matched
 * rows with annotations and messages, for every customer of the decision benchmark's data (the same generator,
 * seed and run date as bench/decision-benchmark.sh, 1,000,000 customers), for every regression case in
 * decision-tests/, and where the compiled form leaves an evaluation to the engine.
 */
class CompiledTablesAgreementTest {
    /** bench/decision-benchmark.sh's defaults: its figures are for exactly these customers. */
    private static final int CUSTOMERS = Integer.getInteger("agreement.customers", 1_000_000);

    private static final long SEED = 42;
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 26);

    private static Map<String, DecisionModel> models;
    private static CustomerFacts[] customers;

    @BeforeAll
    static void load() {
        DecisionModelCompiler compiler = new DecisionModelCompiler();
        models = new TreeMap<>(DecisionModelFolder.load(Path.of("dmn"), compiler));
        models.putAll(DecisionModelFolder.load(Path.of("bench/models"), compiler));
        customers = BenchCustomers.generate(CUSTOMERS, SEED, RUN_DATE);
    }

    @Test
    void everyCampaignModelOfTheRepositoryIsCompiled() {
        for (String name : List.of("black-week-tech", "vip-thank-you", "winback-180", "seasonal-25")) {
            FastPath path = models.get(name).fastPath();
            assertInstanceOf(FastPath.Compiled.class, path, name + ": " + path.describe());
        }
        assertEquals(
                new FastPath.Engine("not a campaign model"),
                models.get("basket-discount").fastPath());
    }

    @TestFactory
    Stream<DynamicTest> compiledAndEngineAgreeOnEveryBenchmarkCustomer() {
        return models.values().stream()
                .filter(DecisionModel::isCampaignModel)
                .map(model -> DynamicTest.dynamicTest(model.name() + ", " + CUSTOMERS + " customers", () -> {
                    var compiled = ((FastPath.Compiled) model.fastPath()).model();
                    AtomicLong leftToEngine = new AtomicLong();
                    List<String> differences = Collections.synchronizedList(new ArrayList<>());
                    IntStream.range(0, customers.length).parallel().forEach(i -> {
                        CustomerFacts facts = customers[i];
                        ModelResult engine =
                                CampaignModelEvaluator.evaluateWithEngine(model, CustomerContext.of(facts), RUN_DATE);
                        ModelResult fast = compiled.evaluate(facts, RUN_DATE);
                        if (fast == null) {
                            leftToEngine.incrementAndGet();
                        } else if (!fast.equals(engine) && differences.size() < 5) {
                            differences.add(facts + "\n  engine:   " + engine + "\n  compiled: " + fast);
                        }
                    });
                    assertEquals(List.of(), differences, model.name() + ": the compiled table answers differently");
                    // The sample models hold no construct the compiler leaves to the engine for these customers.
                    assertEquals(0, leftToEngine.get(), model.name() + ": evaluations left to the engine");
                }));
    }

    @TestFactory
    Stream<DynamicTest> compiledAndEngineAgreeOnEveryRegressionCase() throws IOException {
        DecisionTestRunner runner =
                new DecisionTestRunner(new CampaignDecider(PolicyRulesLoader.load(Path.of("rules"))));
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("decision-tests"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                DecisionTestFile.Parsed parsed =
                        DecisionTestFile.parse(file.getFileName().toString(), Files.readString(file));
                DecisionModel model = models.get(parsed.model());
                assertInstanceOf(FastPath.Compiled.class, model.fastPath());
                parsed.cases()
                        .forEach(c -> tests.add(DynamicTest.dynamicTest(c.file() + ": " + c.displayName(), () -> {
                            Decision fast = runner.run(model, c).actual().orElseThrow();
                            Decision engine =
                                    runner.run(model.engineOnly(), c).actual().orElseThrow();
                            assertEquals(engine, fast);
                        })));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    @Test
    void aConstructTheCompilerDoesNotCoverLeavesTheModelToTheEngineAndSaysWhich() throws IOException {
        String xml = Files.readString(Path.of("dmn/black-week-tech.dmn"))
                .replace(
                        "<outputEntry id=\"_bwt_r5_discountPercent\">\n          <text>20</text>",
                        "<outputEntry id=\"_bwt_r5_discountPercent\">\n          <text>10 + 10</text>");
        DecisionModel model = new DecisionModelCompiler().compile("edited", TestModels.bytes(xml), true);
        assertEquals(
                new FastPath.Engine("row 5, output discountPercent: \"10 + 10\" is not a literal"), model.fastPath());
        CustomerFacts bigSpender = TestModels.customer("\"revenue12m\": 2500, \"lastOrderDate\": \"2026-11-01\"");
        ModelResult result = CampaignModelEvaluator.evaluate(model, bigSpender, RUN_DATE);
        assertInstanceOf(ModelResult.Eligible.class, result);
        assertEquals(0, ((ModelResult.Eligible) result).discountPercent().compareTo(java.math.BigDecimal.valueOf(20)));
    }

    @Test
    void allowedValuesOnNumberInputsAreCheckedByTheCompiledTableAndAValueOutsideThemIsTheEnginesToReport()
            throws IOException {
        // Allowed values on a fact and on date arithmetic: inside them the compiled table answers, outside them (or
        // with no value) the engine does, so that its message about the value is the one the answer carries.
        String xml = Files.readString(Path.of("dmn/black-week-tech.dmn"))
                .replace(
                        "<text>Customer.revenue12m</text>\n        </inputExpression>",
                        "<text>Customer.revenue12m</text>\n        </inputExpression>\n"
                                + "        <inputValues><text>[0..5000]</text></inputValues>")
                .replace(
                        "<text>(Run Date - Customer.lastOrderDate).days</text>\n        </inputExpression>",
                        "<text>(Run Date - Customer.lastOrderDate).days</text>\n        </inputExpression>\n"
                                + "        <inputValues><text>&gt;= 0</text></inputValues>");
        assertEquals(2, xml.split("<inputValues>", -1).length - 1);
        DecisionModel model = new DecisionModelCompiler().compile("allowed-numbers", TestModels.bytes(xml), true);
        var compiled = assertInstanceOf(
                        FastPath.Compiled.class,
                        model.fastPath(),
                        model.fastPath().describe())
                .model();
        for (String overrides : List.of(
                "\"revenue12m\": 2500, \"lastOrderDate\": \"2026-11-01\"",
                "\"revenue12m\": 5000",
                "\"revenue12m\": 0, \"returnRate12m\": 0.5",
                "")) {
            CustomerFacts inside = TestModels.customer(overrides);
            ModelResult answer = compiled.evaluate(inside, RUN_DATE);
            assertEquals(
                    CampaignModelEvaluator.evaluateWithEngine(model, CustomerContext.of(inside), RUN_DATE),
                    answer,
                    overrides);
        }
        for (String overrides : List.of(
                "\"revenue12m\": 5000.01",
                "\"revenue12m\": 12000, \"lastOrderDate\": \"2026-11-01\"",
                "\"lastOrderDate\": null")) {
            CustomerFacts outside = TestModels.customer(overrides);
            assertNull(compiled.evaluate(outside, RUN_DATE), overrides + ": left to the engine");
            ModelResult engine =
                    CampaignModelEvaluator.evaluateWithEngine(model, CustomerContext.of(outside), RUN_DATE);
            assertEquals(engine, CampaignModelEvaluator.evaluate(model, outside, RUN_DATE), overrides);
        }
    }

    @Test
    void aNegatedTestOnAMissingValueIsAnsweredByTheEngine() throws IOException {
        // FEEL's not() on a null is three-valued; the compiled table leaves that case to the engine.
        String xml = Files.readString(Path.of("dmn/black-week-tech.dmn"))
                .replace(
                        "<inputEntry id=\"_bwt_r1_in3\">\n          <text>-</text>",
                        "<inputEntry id=\"_bwt_r1_in3\">\n          <text>not(&lt;= 10000)</text>");
        assertTrue(xml.contains("not(&lt;= 10000)"));
        DecisionModel model = new DecisionModelCompiler().compile("negated", TestModels.bytes(xml), true);
        var compiled =
                assertInstanceOf(FastPath.Compiled.class, model.fastPath()).model();
        CustomerFacts neverOrdered = TestModels.customer("\"returnRate12m\": 0.5, \"lastOrderDate\": null");
        assertNull(compiled.evaluate(neverOrdered, RUN_DATE), "not() on a null is left to the engine");
        assertEquals(
                CampaignModelEvaluator.evaluateWithEngine(model, CustomerContext.of(neverOrdered), RUN_DATE),
                CampaignModelEvaluator.evaluate(model, neverOrdered, RUN_DATE));
        CustomerFacts recent = TestModels.customer("\"returnRate12m\": 0.5");
        ModelResult answer = compiled.evaluate(recent, RUN_DATE);
        assertEquals(CampaignModelEvaluator.evaluateWithEngine(model, CustomerContext.of(recent), RUN_DATE), answer);
        assertEquals(
                6,
                answer.matchedRules().get(0).row(),
                "row 1's not() is false for an order 27 days ago: the compiled table negates a value itself");
    }
}
