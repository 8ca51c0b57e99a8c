package dev.selektor.decision.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionModelCompilerTest {
    private static final DecisionModelCompiler COMPILER = new DecisionModelCompiler();
    private static final String PRIORITY_EXPRESSION = "<text>Customer.revenue12m</text></literalExpression>";

    private static ModelRejectedException rejected(String xml) {
        return assertThrows(
                ModelRejectedException.class, () -> COMPILER.compile("broken.dmn", TestModels.bytes(xml), true));
    }

    private static String fixture() {
        return TestModels.fixtureXml();
    }

    @Test
    void feelExternalJavaFunctionIsRejectedNamingTheDecision() {
        var e = rejected(
                fixture()
                        .replace(
                                PRIORITY_EXPRESSION,
                                "<text>function(x) external {java: {class: \"java.lang.System\", method signature: \"exit(int)\"}}</text></literalExpression>"));
        assertTrue(e.getMessage().contains("broken.dmn"), e.getMessage());
        assertTrue(e.getMessage().contains("decision \"Priority\""), e.getMessage());
        assertTrue(e.getMessage().contains("external functions"), e.getMessage());
    }

    @Test
    void javaFunctionKindIsRejected() {
        var e = rejected(fixture()
                .replace(
                        "<literalExpression id=\"le_priority\">" + PRIORITY_EXPRESSION,
                        "<functionDefinition id=\"f1\" kind=\"Java\"><literalExpression id=\"le_priority\">"
                                + PRIORITY_EXPRESSION + "</functionDefinition>"));
        assertTrue(e.getMessage().contains("function kind \"Java\""), e.getMessage());
    }

    @Test
    void clockFunctionsAreRejectedBecauseDecisionsMustBeReproducible() {
        var e = rejected(fixture()
                .replace(
                        PRIORITY_EXPRESSION,
                        "<text>(today() - Customer.lastOrderDate).days</text></literalExpression>"));
        assertTrue(e.getMessage().contains("today()") && e.getMessage().contains("Run Date"), e.getMessage());
    }

    @Test
    void doctypeAndExternalEntitiesAreRejectedBeforeParsing() {
        String xml = fixture()
                .replaceFirst("\\?>", "?><!DOCTYPE definitions [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>")
                .replace("Fixture for edge cases", "&leak;");
        var e = rejected(xml);
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), "no entity may be expanded");
    }

    @Test
    void missingSelectionDecisionBreaksTheCampaignConventions() {
        var e = rejected(fixture().replace("name=\"Selection\"", "name=\"Choice\""));
        assertTrue(
                e.getMessage().contains("decision \"Selection\"")
                        && e.getMessage().contains("is missing"),
                e.getMessage());
    }

    @Test
    void misspeltCustomerFactIsAnErrorNotASilentNull() {
        var e = rejected(fixture().replace("<itemComponent name=\"categories\"", "<itemComponent name=\"categorys\""));
        assertTrue(
                e.getMessage().contains("component \"categorys\"")
                        && e.getMessage().contains("not a customer fact"),
                e.getMessage());
    }

    @Test
    void feelSyntaxErrorIsRejectedWithTheEnginesMessage() {
        var e = rejected(fixture().replace("<text>&gt;= 100</text>", "<text>&gt;= 100 + * 2</text>"));
        assertTrue(
                e.getMessage().contains("'Selection', rule #3")
                        && e.getMessage().contains("syntax error"),
                e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.severity() == ModelProblem.Severity.ERROR));
        // An editor can point at the cell: the row and the column, which the engine's text does not name.
        assertTrue(
                e.problems().stream()
                        .anyMatch(p -> p.cell()
                                .map(ModelProblem.TableCell::toString)
                                .equals(java.util.Optional.of("Selection row 3, column Revenue"))),
                e.problems().toString());
    }

    @Test
    void nonCampaignModelLoadsWhenConventionsAreNotRequired() {
        DecisionModel model = COMPILER.compile(
                "other.dmn", TestModels.bytes(fixture().replace("name=\"Selection\"", "name=\"Choice\"")), false);
        assertFalse(model.isCampaignModel());
        assertTrue(model.campaignProblems().stream().anyMatch(p -> p.element().contains("Selection")));
    }

    @Test
    void folderReportsEveryBadFileAndAFileNameThatDiffersFromTheModelName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wrong-name.dmn"), fixture());
        Files.writeString(
                dir.resolve("clock.dmn"),
                fixture()
                        .replace("name=\"test-campaign\"", "name=\"clock\"")
                        .replace(PRIORITY_EXPRESSION, "<text>now()</text></literalExpression>"));
        var e = assertThrows(DecisionModelFolder.FolderException.class, () -> DecisionModelFolder.load(dir, COMPILER));
        assertTrue(
                e.getMessage().contains("wrong-name.dmn") && e.getMessage().contains("its name is \"test-campaign\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("clock.dmn") && e.getMessage().contains("now()"), e.getMessage());
    }

    @Test
    void folderLoadsValidModelsByName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("test-campaign.dmn"), fixture());
        var models = DecisionModelFolder.load(dir, COMPILER);
        assertEquals(1, models.size());
        assertEquals(
                ModelVersion.of(Files.readAllBytes(dir.resolve("test-campaign.dmn"))),
                models.get("test-campaign").version());
    }
}
