package dev.selektor.decision.model;

import static dev.selektor.decision.model.DmnSafetyCheck.localName;

import dev.selektor.decision.model.UnboundedConstructCheck.ParsedText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.kie.dmn.feel.lang.ast.ASTNode;
import org.kie.dmn.feel.lang.ast.ContextEntryNode;
import org.kie.dmn.feel.lang.ast.FormalParameterNode;
import org.kie.dmn.feel.lang.ast.FunctionDefNode;
import org.kie.dmn.feel.lang.ast.FunctionInvocationNode;
import org.kie.dmn.feel.lang.ast.NameRefNode;
import org.kie.dmn.feel.lang.ast.QualifiedNameNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Recursion has no bound a model can promise, so a business knowledge model, decision service or function may
 * not call itself, directly or through others: cycles through knowledge requirements and through the names the
 * expressions call, boxed functions of a context, FEEL functions of a context entry, and functions that call a
 * parameter (a function handed itself recurses without naming itself).
 */
final class RecursionCheck {
    private static final Set<String> REQUIREMENTS =
            Set.of("requiredKnowledge", "requiredDecision", "outputDecision", "encapsulatedDecision");
    private static final String RECURSION = "recursion has no bound, so business knowledge models, decision"
            + " services and functions may not call themselves, directly or through others";

    private final Map<Element, Set<Element>> calls = new LinkedHashMap<>();
    private final Map<String, Element> byId = new HashMap<>();
    private final Map<String, Element> invocable = new HashMap<>();
    private final List<ModelProblem> problems = new ArrayList<>();

    private RecursionCheck() {}

    static List<ModelProblem> check(Document document, List<ParsedText> texts) {
        RecursionCheck check = new RecursionCheck();
        check.graph(document, texts);
        check.reportCycles();
        for (ParsedText parsed : texts) {
            check.functionsOf(parsed);
        }
        return check.problems;
    }

    private void graph(Document document, List<ParsedText> texts) {
        for (Element e : FeelTexts.elements(document)) {
            if (FeelTexts.DRG_ELEMENTS.contains(localName(e))) {
                calls.put(e, new LinkedHashSet<>());
                byId.put(e.getAttribute("id"), e);
                if (FeelTexts.INVOCABLE.contains(localName(e))) {
                    invocable.put(e.getAttribute("name").strip(), e);
                }
            } else if (boxedFunctionName(e).isPresent()) {
                calls.put(e, new LinkedHashSet<>());
            }
        }
        for (Element element : List.copyOf(calls.keySet())) {
            if (!FeelTexts.DRG_ELEMENTS.contains(localName(element))) {
                continue;
            }
            NodeList inside = element.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < inside.getLength(); i++) {
                Element e = (Element) inside.item(i);
                String href = e.getAttribute("href");
                if (REQUIREMENTS.contains(localName(e)) && href.contains("#")) {
                    Element target = byId.get(href.substring(href.indexOf('#') + 1));
                    if (target != null) {
                        calls.get(element).add(target);
                    }
                }
            }
        }
        for (ParsedText parsed : texts) {
            Optional<Element> caller = caller(parsed.text().element());
            caller.ifPresent(from -> names(
                    parsed.ast(),
                    name -> resolve(name, parsed.text().element())
                            .ifPresent(to -> calls.get(from).add(to))));
        }
    }

    /** The name of a context entry's boxed function definition, if the element is one. */
    private static Optional<String> boxedFunctionName(Element e) {
        if (!localName(e).equals("functionDefinition")
                || !(e.getParentNode() instanceof Element entry)
                || !localName(entry).equals("contextEntry")) {
            return Optional.empty();
        }
        return FeelTexts.children(entry, "variable").stream()
                .map(v -> v.getAttribute("name").strip())
                .findFirst();
    }

    private Optional<Element> caller(Element element) {
        for (org.w3c.dom.Node n = element; n instanceof Element e; n = e.getParentNode()) {
            if (calls.containsKey(e)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The nearest boxed function of that name in an enclosing context, else the model's invocable of that name. */
    private Optional<Element> resolve(String name, Element from) {
        for (org.w3c.dom.Node n = from; n instanceof Element e; n = e.getParentNode()) {
            if (localName(e).equals("context")) {
                for (Element entry : FeelTexts.children(e, "contextEntry")) {
                    for (Element function : FeelTexts.children(entry, "functionDefinition")) {
                        if (boxedFunctionName(function).filter(name::equals).isPresent()) {
                            return Optional.of(function);
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(invocable.get(name));
    }

    private void reportCycles() {
        Set<Element> reported = new LinkedHashSet<>();
        for (Element start : calls.keySet()) {
            if (reported.contains(start) || !callable(start)) {
                continue;
            }
            List<Element> path = cycle(start, start, new ArrayList<>(), new LinkedHashSet<>());
            if (path != null) {
                reported.addAll(path);
                List<String> names = new ArrayList<>(
                        path.stream().map(RecursionCheck::nameOf).toList());
                names.add(nameOf(start));
                problems.add(ModelProblem.error(
                        DmnSafetyCheck.locate(start),
                        "calls itself through " + String.join(" → ", names) + "; " + RECURSION));
            }
        }
    }

    private boolean callable(Element e) {
        return !localName(e).equals("decision");
    }

    /** A path from {@code at} back to {@code start}, starting with {@code at}; null when there is none. */
    private List<Element> cycle(Element start, Element at, List<Element> path, Set<Element> seen) {
        path.add(at);
        seen.add(at);
        for (Element next : calls.getOrDefault(at, Set.of())) {
            if (next == start) {
                return path;
            }
            if (!seen.contains(next)) {
                List<Element> found = cycle(start, next, path, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private static String nameOf(Element e) {
        return boxedFunctionName(e).orElse(e.getAttribute("name"));
    }

    /** Functions defined inside one expression: context entries that call each other, functions that call a parameter. */
    private void functionsOf(ParsedText parsed) {
        Map<String, FunctionDefNode> entries = new LinkedHashMap<>();
        List<FunctionDefNode> functions = new ArrayList<>();
        walk(parsed.ast(), node -> {
            if (node instanceof ContextEntryNode entry && entry.getValue() instanceof FunctionDefNode f) {
                entries.put(entry.getName().getText().strip(), f);
            }
            if (node instanceof FunctionDefNode f) {
                functions.add(f);
            }
        });
        for (String name : entries.keySet()) {
            List<String> path = feelCycle(name, name, entries, new ArrayList<>(), new LinkedHashSet<>());
            if (path != null) {
                path.add(name);
                problem(parsed, "\"" + name + "\" calls itself through " + String.join(" → ", path) + "; " + RECURSION);
                return;
            }
        }
        Set<String> parameters =
                new LinkedHashSet<>(boxedParameters(parsed.text().element()));
        for (FunctionDefNode f : functions) {
            f.getFormalParameters().stream()
                    .map(FormalParameterNode::getName)
                    .forEach(p -> parameters.add(p.getText().strip()));
        }
        walk(parsed.ast(), node -> {
            if (node instanceof FunctionInvocationNode call && parameters.contains(calledName(call))) {
                problem(
                        parsed,
                        "\"" + call.getText() + "\" calls the parameter " + calledName(call) + ": a function"
                                + " handed itself as a parameter recurses without bound, so functions may not call their"
                                + " parameters");
            }
        });
    }

    private List<String> feelCycle(
            String start, String at, Map<String, FunctionDefNode> entries, List<String> path, Set<String> seen) {
        path.add(at);
        seen.add(at);
        Set<String> called = new LinkedHashSet<>();
        names(entries.get(at).getBody(), called::add);
        for (String next : called) {
            if (next.equals(start)) {
                return path;
            }
            if (entries.containsKey(next) && !seen.contains(next)) {
                List<String> found = feelCycle(start, next, entries, path, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private static List<String> boxedParameters(Element element) {
        return FeelTexts.ancestor(element, Set.of("functionDefinition", "encapsulatedLogic"))
                .map(f -> FeelTexts.children(f, "formalParameter").stream()
                        .map(p -> p.getAttribute("name").strip())
                        .toList())
                .orElse(List.of());
    }

    private static String calledName(FunctionInvocationNode call) {
        if (call.getName() instanceof NameRefNode name) {
            return name.getText().strip();
        }
        if (call.getName() instanceof QualifiedNameNode qualified
                && !qualified.getParts().isEmpty()) {
            return qualified.getParts().get(0).getText().strip();
        }
        return "";
    }

    private void problem(ParsedText parsed, String message) {
        problems.add(new ModelProblem(
                ModelProblem.Severity.ERROR,
                parsed.text().where(),
                message,
                parsed.text().cell()));
    }

    /** Every name the expression refers to: a function it calls, or one it hands on. */
    private static void names(ASTNode node, Consumer<String> sink) {
        walk(node, n -> {
            if (n instanceof NameRefNode name) {
                sink.accept(name.getText().strip());
            }
        });
    }

    private static void walk(ASTNode node, Consumer<ASTNode> visit) {
        if (node == null) {
            return;
        }
        visit.accept(node);
        for (ASTNode child : node.getChildrenNode()) {
            walk(child, visit);
        }
    }
}
