package dev.selektor.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureRules} fails on classes written to break it (under {@code fixture}), naming the
 * offender, and accepts the same dependency where the layout allows it.
 */
class ArchitectureRulesTest {
    private static final String FIXTURE = "dev.selektor.architecture.fixture";

    @Test
    void aCycleBetweenTwoFeaturesIsCaught() {
        assertViolation("cycle", ArchitectureRules::noCyclesBetweenFeatures, "Alpha", "Beta");
    }

    @Test
    void aCycleInsideOneFeatureIsCaughtByThePackageRule() {
        assertViolation("inner", ArchitectureRules::noCyclesBetweenPackages, "FeatureService", "FeatureResource");
        assertTrue(
                evaluate("inner", ArchitectureRules::noCyclesBetweenFeatures)
                        .getFailureReport()
                        .isEmpty(),
                "one feature alone has no cycle between features");
    }

    @Test
    void anHttpTypeOutsideWebIsCaught() {
        assertOnlyOffender("http", ArchitectureRules::onlyWebUsesHttpTypes, "HttpInDomain", "HttpInWeb");
    }

    @Test
    void theAwsSdkOutsideAnAdapterIsCaught() {
        assertOnlyOffender("aws", ArchitectureRules::onlyAwsAdaptersUseTheAwsSdk, "AwsInDomain", "AwsInAdapter");
    }

    @Test
    void theKafkaClientOutsideAKafkaAdapterIsCaught() {
        assertOnlyOffender(
                "broker", ArchitectureRules::onlyKafkaAdaptersUseTheKafkaClient, "KafkaInDomain", "KafkaInAdapter");
    }

    @Test
    void theOpenSearchClientOutsideAnOpenSearchAdapterIsCaught() {
        assertOnlyOffender(
                "index",
                ArchitectureRules::onlyOpenSearchAdaptersUseTheOpenSearchClient,
                "OpenSearchInDomain",
                "OpenSearchInAdapter");
    }

    @Test
    void theKieEngineOutsideTheDecisionModelIsCaught() {
        assertOnlyOffender(
                "kie", ArchitectureRules::onlyDecisionModelUsesTheKieEngine, "KieOutsideTheModel", "KieInTheModel");
    }

    @Test
    void domainCodeNamingItsAdapterIsCaught() {
        assertOnlyOffender(
                "adapter",
                ArchitectureRules::domainDoesNotDependOnAdapters,
                "DomainUsingAdapter.thing",
                "DynamoThing.");
    }

    private static EvaluationResult evaluate(String fixture, Function<String, ArchRule> rule) {
        String root = FIXTURE + "." + fixture;
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        return rule.apply(root).evaluate(classes);
    }

    private static void assertViolation(String fixture, Function<String, ArchRule> rule, String... named) {
        List<String> details = evaluate(fixture, rule).getFailureReport().getDetails();
        assertTrue(!details.isEmpty(), "the rule lets the " + fixture + " fixture pass");
        String report = String.join("\n", details);
        for (String name : named) {
            assertTrue(report.contains(name), "the report names " + name + ":\n" + report);
        }
    }

    private static void assertOnlyOffender(
            String fixture, Function<String, ArchRule> rule, String offender, String allowed) {
        List<String> details = evaluate(fixture, rule).getFailureReport().getDetails();
        assertEquals(
                1,
                details.stream()
                        .filter(d -> d.contains(offender))
                        .findAny()
                        .map(d -> 1)
                        .orElse(0),
                "the rule names " + offender + ": " + details);
        assertTrue(
                details.stream().noneMatch(d -> d.contains(allowed)), "the rule lets " + allowed + " pass: " + details);
    }
}
