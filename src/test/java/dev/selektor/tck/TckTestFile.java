package dev.selektor.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One DMN TCK test file ({@code *-test-01.xml}): its cases with the input values and the expected results, both
 * as the JSON a caller of the generic evaluation endpoint sends and gets back (numbers as numbers, dates, times
 * and durations as FEEL strings, lists as arrays, components as objects).
 */
record TckTestFile(String modelName, List<Case> cases) {
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    /**
     * @param expectError the TCK expects the engine to give no value for the decision ({@code errorResult="true"})
     */
    record Result(String name, JsonNode expected, boolean expectError) {}

    record Case(String id, Optional<String> description, ObjectNode inputs, List<Result> results) {}

    static TckTestFile parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml))
                .getDocumentElement();
        String modelName = children(root, "modelName").stream()
                .findFirst()
                .map(Node::getTextContent)
                .orElseThrow()
                .strip();
        List<Case> cases = new ArrayList<>();
        for (Element testCase : children(root, "testCase")) {
            ObjectNode inputs = JSON.objectNode();
            for (Element input : children(testCase, "inputNode")) {
                inputs.set(input.getAttribute("name"), value(input));
            }
            List<Result> results = new ArrayList<>();
            for (Element result : children(testCase, "resultNode")) {
                Element expected =
                        children(result, "expected").stream().findFirst().orElse(null);
                results.add(new Result(
                        result.getAttribute("name"),
                        expected == null ? JSON.nullNode() : value(expected),
                        "true".equals(result.getAttribute("errorResult"))));
            }
            Optional<String> description = children(testCase, "description").stream()
                    .findFirst()
                    .map(Node::getTextContent)
                    .map(String::strip);
            cases.add(new Case(testCase.getAttribute("id"), description, inputs, results));
        }
        return new TckTestFile(modelName, cases);
    }

    /** The value an element holds: a {@code value}, a {@code list} of items, or {@code component}s. */
    private static JsonNode value(Element holder) {
        List<Element> components = children(holder, "component");
        if (!components.isEmpty()) {
            ObjectNode object = JSON.objectNode();
            components.forEach(c -> object.set(c.getAttribute("name"), value(c)));
            return object;
        }
        Optional<Element> list = children(holder, "list").stream().findFirst();
        if (list.isPresent()) {
            ArrayNode array = JSON.arrayNode();
            children(list.get(), "item").forEach(item -> array.add(value(item)));
            return array;
        }
        Optional<Element> value = children(holder, "value").stream().findFirst();
        return value.map(TckTestFile::scalar).orElse(JSON.nullNode());
    }

    private static JsonNode scalar(Element value) {
        if ("true".equals(value.getAttributeNS(XSI, "nil"))) {
            return JSON.nullNode();
        }
        String text = value.getTextContent();
        String type = value.getAttributeNS(XSI, "type");
        String local = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
        return switch (local) {
            case "decimal", "double", "float", "integer", "int", "long", "short" ->
                JSON.numberNode(new BigDecimal(text.strip()));
            case "boolean" -> JSON.booleanNode(Boolean.parseBoolean(text.strip()));
            default -> JSON.textNode(text);
        };
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
