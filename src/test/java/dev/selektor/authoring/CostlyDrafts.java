package dev.selektor.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Drafts of {@code black-week-tech} whose cost passes the evaluation budget although no single expression shows it:
 * the revenue column's input expression calls, from a loop of 9,000, a business knowledge model with a loop of 9,000.
 */
public final class CostlyDrafts {
    private static final String SPIN = """
            <businessKnowledgeModel id="_spin" name="spin">
                <variable id="_spin_var" name="spin"/>
                <encapsulatedLogic id="_spin_logic" kind="FEEL">
                  <literalExpression id="_spin_body"><text>count(for j in 1..9000 return j)</text></literalExpression>
                </encapsulatedLogic>
              </businessKnowledgeModel>
              """;

    private CostlyDrafts() {}

    public static String blackWeekTech() {
        String xml;
        try {
            xml = Files.readString(Path.of("dmn/black-week-tech.dmn"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String costly = xml.replaceFirst(
                        "<text>Customer.revenue12m</text>",
                        "<text>Customer.revenue12m + count(for i in 1..9000 return spin()) * 0</text>")
                .replace(
                        "    <decisionTable id=\"_bwt_Selection_dt\"",
                        "    <knowledgeRequirement id=\"_bwt_kr_spin\"><requiredKnowledge href=\"#_spin\"/>"
                                + "</knowledgeRequirement>\n    <decisionTable id=\"_bwt_Selection_dt\"")
                .replace("  <decision id=\"_bwt_Selection\"", "  " + SPIN + "  <decision id=\"_bwt_Selection\"");
        if (costly.equals(xml) || !costly.contains("spin()") || !costly.contains("#_spin")) {
            throw new IllegalStateException("dmn/black-week-tech.dmn changed shape; mend the costly draft");
        }
        return costly;
    }
}
