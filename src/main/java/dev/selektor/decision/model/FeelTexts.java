package dev.selektor.decision.model;

import static dev.selektor.decision.model.DmnSafetyCheck.localName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The FEEL texts of a model as the DMN file holds them, each with the element it belongs to and, in a decision
 * table, its cell. Read from the XML rather than the engine's model so that every text is found whatever boxed
 * expression holds it, and so that free text (annotations, descriptions) is never taken for FEEL.
 */
final class FeelTexts {
    private static final Set<String> EXPRESSIONS =
            Set.of("literalExpression", "inputExpression", "outputEntry", "defaultOutputEntry");
    private static final Set<String> UNARY_TESTS =
            Set.of("inputEntry", "inputValues", "outputValues", "allowedValues", "typeConstraint");
    static final Set<String> INVOCABLE = Set.of("businessKnowledgeModel", "decisionService");
    static final Set<String> DRG_ELEMENTS = Set.of("decision", "businessKnowledgeModel", "decisionService");
    static final Set<String> BOXED_ITERATORS = Set.of("for", "some", "every", "filter");

    /**
     * @param owner the decision, business knowledge model or decision service the text belongs to (empty: an item
     *     definition's or input's constraint)
     */
    record FeelText(String text, boolean unaryTests, Element element, Optional<Element> owner) {
        String where() {
            return DmnSafetyCheck.locate(element);
        }

        Optional<ModelProblem.TableCell> cell() {
            return FeelTexts.cell(element, owner);
        }
    }

    private FeelTexts() {}

    static List<FeelText> of(Document document) {
        List<FeelText> texts = new ArrayList<>();
        collect(document.getDocumentElement(), texts);
        return texts;
    }

    /** Every name the model defines, so that the parser reads multi-word names ("Run Date") as one name. */
    static Set<String> names(Document document) {
        Set<String> names = new LinkedHashSet<>();
        for (Element e : elements(document)) {
            for (String attribute : List.of("name", "iteratorVariable")) {
                String value = e.getAttribute(attribute).strip();
                if (!value.isEmpty()) {
                    names.add(value);
                }
            }
        }
        return names;
    }

    static List<Element> elements(Document document) {
        List<Element> elements = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            elements.add((Element) all.item(i));
        }
        return elements;
    }

    private static void collect(Element element, List<FeelText> texts) {
        String local = localName(element);
        if (local.equals("text") && element.getParentNode() instanceof Element parent) {
            String kind = localName(parent);
            if (EXPRESSIONS.contains(kind) || UNARY_TESTS.contains(kind)) {
                String text = element.getTextContent();
                if (!text.isBlank()) {
                    texts.add(new FeelText(text, UNARY_TESTS.contains(kind), parent, ancestor(parent, DRG_ELEMENTS)));
                }
            }
            return;
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                collect(child, texts);
            }
        }
    }

    static Optional<Element> ancestor(Element element, Set<String> localNames) {
        for (Node n = element; n instanceof Element e; n = e.getParentNode()) {
            if (localNames.contains(localName(e))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static List<Element> children(Element element, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && localName(child).equals(localName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The cell as the other validation errors name it: decision, rule row and the column's label. */
    private static Optional<ModelProblem.TableCell> cell(Element element, Optional<Element> owner) {
        Optional<Element> table = ancestor(element, Set.of("decisionTable"));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        String decision = owner.map(o -> o.getAttribute("name")).orElse("decision table");
        List<Element> inputs = children(table.get(), "input");
        List<Element> outputs = children(table.get(), "output");
        Optional<Element> rule = ancestor(element, Set.of("rule"));
        Optional<Element> entry = ancestor(element, Set.of("inputEntry", "outputEntry"));
        if (rule.isPresent() && entry.isPresent()) {
            int row = children(table.get(), "rule").indexOf(rule.get()) + 1;
            boolean input = localName(entry.get()).equals("inputEntry");
            int column = children(rule.get(), localName(entry.get())).indexOf(entry.get());
            List<Element> headers = input ? inputs : outputs;
            Optional<String> label = column >= 0 && column < headers.size()
                    ? Optional.of(input ? inputLabel(headers.get(column)) : outputLabel(headers.get(column)))
                            .filter(l -> !l.isBlank())
                    : Optional.empty();
            return Optional.of(new ModelProblem.TableCell(decision, row, label));
        }
        Optional<Element> header = ancestor(element, Set.of("input", "output"));
        Optional<String> label = header.map(h -> localName(h).equals("input") ? inputLabel(h) : outputLabel(h))
                .filter(l -> !l.isBlank());
        return Optional.of(new ModelProblem.TableCell(decision, Optional.empty(), label));
    }

    private static String inputLabel(Element input) {
        if (!input.getAttribute("label").isBlank()) {
            return input.getAttribute("label");
        }
        return children(input, "inputExpression").stream()
                .flatMap(e -> children(e, "text").stream())
                .map(t -> t.getTextContent().strip())
                .findFirst()
                .orElse("input");
    }

    private static String outputLabel(Element output) {
        return !output.getAttribute("name").isBlank() ? output.getAttribute("name") : output.getAttribute("label");
    }
}
