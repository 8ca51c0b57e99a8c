package dev.selektor.decision.model;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Looks at a DMN file as untrusted XML before the engine sees it. The engine would happily call any static Java
 * method a model names ({@code kind="Java"} functions, FEEL {@code external} functions) and its XML reader is not
 * ours to harden, so this check refuses DOCTYPEs and external entities, external function kinds, and the
 * clock functions that make a decision depend on when it runs instead of on {@code Run Date}.
 */
final class DmnSafetyCheck {
    private static final Pattern EXTERNAL_FUNCTION = Pattern.compile("\\bexternal\\s*\\{");
    private static final Pattern CLOCK_FUNCTION = Pattern.compile("\\b(today|now)\\s*\\(");

    private DmnSafetyCheck() {}

    /**
     * The model as a DOM, or the reason it cannot be one.
     *
     * @throws ModelRejectedException naming the XML problem (a DOCTYPE or external entity among them)
     */
    static Document read(String source, byte[] content) {
        try {
            return parse(content);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (reason.contains("DOCTYPE")) {
                reason = "DOCTYPE declarations and external entities are not allowed in decision models";
            }
            throw new ModelRejectedException(source, List.of(ModelProblem.error("XML", reason)));
        }
    }

    static List<ModelProblem> check(Document document) {
        List<ModelProblem> problems = new ArrayList<>();
        walk(document.getDocumentElement(), problems);
        return problems;
    }

    /** The model as a DOM, read with external entities and DOCTYPEs refused. */
    static Document parse(byte[] content) throws Exception {
        return secureBuilder().parse(new ByteArrayInputStream(content));
    }

    static String localName(Element element) {
        return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    }

    private static void walk(Element element, List<ModelProblem> problems) {
        String local = localName(element);
        if (local.equals("functionDefinition") || local.equals("encapsulatedLogic")) {
            String kind = element.getAttribute("kind");
            if (!kind.isEmpty() && !kind.equalsIgnoreCase("FEEL") && !kind.equalsIgnoreCase("F")) {
                problems.add(ModelProblem.error(
                        locate(element),
                        "function kind \"" + kind
                                + "\" calls code outside the model; only FEEL functions are allowed"));
            }
        }
        if (local.equals("text")) {
            String text = element.getTextContent();
            if (EXTERNAL_FUNCTION.matcher(text).find()) {
                problems.add(ModelProblem.error(
                        locate(element),
                        "external functions (Java or PMML) are not allowed: \"" + abbreviate(text) + "\""));
            }
            var clock = CLOCK_FUNCTION.matcher(text);
            if (clock.find()) {
                problems.add(ModelProblem.error(
                        locate(element),
                        clock.group(1)
                                + "() makes the decision depend on the clock; use the input \"Run Date\" instead: \""
                                + abbreviate(text) + "\""));
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                walk(child, problems);
            }
        }
    }

    /** A path a model author recognises: the named element above, then rule and cell numbers. */
    static String locate(Element element) {
        List<String> parts = new ArrayList<>();
        Node node = element;
        while (node instanceof Element e) {
            String local = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
            switch (local) {
                case "rule" -> parts.add(0, "rule " + (indexAmong(e, "rule") + 1));
                case "inputEntry" -> parts.add(0, "input column " + (indexAmong(e, "inputEntry") + 1));
                case "outputEntry" -> parts.add(0, "output column " + (indexAmong(e, "outputEntry") + 1));
                case "input" -> parts.add(0, "input column " + (indexAmong(e, "input") + 1));
                case "definitions" -> {}
                default -> {
                    if (!e.getAttribute("name").isEmpty()) {
                        parts.add(0, local + " \"" + e.getAttribute("name") + "\"");
                    }
                }
            }
            node = e.getParentNode();
        }
        return parts.isEmpty() ? "definitions" : String.join(", ", parts);
    }

    private static int indexAmong(Element element, String localName) {
        int index = 0;
        for (Node n = element.getPreviousSibling(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e
                    && localName.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) {
                index++;
            }
        }
        return index;
    }

    private static DocumentBuilder secureBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(org.xml.sax.SAXParseException e) {}

            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }
        });
        return builder;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }
}
