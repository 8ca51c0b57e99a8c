package dev.selektor.decision.model;

import static dev.selektor.decision.model.convention.CampaignConventions.CUSTOMER;
import static dev.selektor.decision.model.convention.CampaignConventions.CUSTOMER_FIELDS;
import static dev.selektor.decision.model.convention.CampaignConventions.PRIORITY;
import static dev.selektor.decision.model.convention.CampaignConventions.RUN_DATE;
import static dev.selektor.decision.model.convention.CampaignConventions.SELECTION;
import static dev.selektor.decision.model.convention.CampaignConventions.builtInName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;

/**
 * Whether a DMN model can drive a campaign (contract section 2). A misspelt field is an error rather than a silent
 * null, because a null in a table quietly selects nobody.
 */
public final class CampaignModelCheck {

    private CampaignModelCheck() {}

    public static List<ModelProblem> check(DMNModel model) {
        List<ModelProblem> problems = new ArrayList<>();
        InputDataNode customer = model.getInputByName(CUSTOMER);
        if (customer == null) {
            problems.add(
                    ModelProblem.error(
                            "inputData \"Customer\"",
                            "is missing: a campaign model needs the input data \"Customer\" typed as a structure of the customer facts"));
        } else {
            checkCustomerType(customer.getType(), problems);
        }
        InputDataNode runDate = model.getInputByName(RUN_DATE);
        if (runDate == null) {
            problems.add(ModelProblem.error(
                    "inputData \"Run Date\"",
                    "is missing: a campaign model needs the input data \"Run Date\" of type date"));
        } else if (!"date".equals(builtInName(runDate.getType()))) {
            problems.add(ModelProblem.error(
                    "inputData \"Run Date\"", "must be of type date, is " + describe(runDate.getType())));
        }
        DecisionNode selection = model.getDecisionByName(SELECTION);
        if (selection == null) {
            problems.add(
                    ModelProblem.error(
                            "decision \"Selection\"",
                            "is missing: a campaign model needs the decision \"Selection\" giving {eligible, discountPercent, reason}"));
        } else {
            checkSelectionType(selection.getResultType(), problems);
        }
        DecisionNode priority = model.getDecisionByName(PRIORITY);
        if (priority != null
                && !"number".equals(builtInName(priority.getResultType()))
                && !"Any".equalsIgnoreCase(builtInName(priority.getResultType()))) {
            problems.add(ModelProblem.error(
                    "decision \"Priority\"", "must be of type number, is " + describe(priority.getResultType())));
        }
        return problems;
    }

    private static void checkCustomerType(DMNType type, List<ModelProblem> problems) {
        if (type == null || !type.isComposite()) {
            problems.add(ModelProblem.error(
                    "inputData \"Customer\"", "must be typed as a structure of customer facts, is " + describe(type)));
            return;
        }
        type.getFields().forEach((field, fieldType) -> {
            String expected = CUSTOMER_FIELDS.get(field);
            if (expected == null) {
                problems.add(ModelProblem.error(
                        "itemDefinition \"" + type.getName() + "\", component \"" + field + "\"",
                        "is not a customer fact; known facts are " + CUSTOMER_FIELDS.keySet()));
                return;
            }
            boolean collection = isCollection(fieldType);
            String actual = builtInName(fieldType);
            boolean ok = field.equals("categories")
                    ? collection && (actual == null || actual.equals("string") || actual.equalsIgnoreCase("Any"))
                    : !collection && expected.equals(actual);
            if (!ok) {
                problems.add(ModelProblem.error(
                        "itemDefinition \"" + type.getName() + "\", component \"" + field + "\"",
                        "must be of type " + (field.equals("categories") ? "list of string" : expected) + ", is "
                                + describe(fieldType)));
            }
        });
    }

    private static void checkSelectionType(DMNType type, List<ModelProblem> problems) {
        if (type == null || !type.isComposite()) {
            problems.add(ModelProblem.error(
                    "decision \"Selection\"",
                    "must give a structure {eligible: boolean, discountPercent: number, reason: string}, gives "
                            + describe(type)));
            return;
        }
        Map<String, String> expected = Map.of("eligible", "boolean", "discountPercent", "number", "reason", "string");
        expected.forEach((field, feelType) -> {
            DMNType fieldType = type.getFields().get(field);
            if (fieldType == null) {
                problems.add(ModelProblem.error(
                        "decision \"Selection\"", "its result has no component \"" + field + "\" (" + feelType + ")"));
            } else if (!feelType.equals(builtInName(fieldType))) {
                problems.add(ModelProblem.error(
                        "decision \"Selection\"",
                        "component \"" + field + "\" must be of type " + feelType + ", is " + describe(fieldType)));
            }
        });
    }

    /** A component typed by a named list type is an anonymous type whose base is that list. */
    private static boolean isCollection(DMNType type) {
        for (DMNType t = type; t != null; t = t.getBaseType()) {
            if (t.isCollection()) {
                return true;
            }
        }
        return false;
    }

    private static String describe(DMNType type) {
        if (type == null) {
            return "untyped";
        }
        return (type.isCollection() ? "list of " : "") + (type.isComposite() ? "structure " : "") + type.getName();
    }
}
