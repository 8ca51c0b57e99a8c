package dev.selektor.decision.model;

import dev.selektor.decision.model.FeelTexts.FeelText;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.kie.dmn.api.feel.runtime.events.FEELEvent;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.lang.CompilerContext;
import org.kie.dmn.feel.lang.Scope;
import org.kie.dmn.feel.lang.Type;
import org.kie.dmn.feel.lang.ast.BaseNode;
import org.kie.dmn.feel.lang.ast.ListNode;
import org.kie.dmn.feel.lang.ast.NameRefNode;
import org.kie.dmn.feel.lang.ast.QualifiedNameNode;
import org.kie.dmn.feel.lang.ast.RangeNode;
import org.kie.dmn.feel.lang.impl.FEELImpl;
import org.kie.dmn.feel.lang.types.BuiltInType;
import org.kie.dmn.feel.lang.types.DefaultBuiltinFEELTypeRegistry;
import org.kie.dmn.feel.lang.types.FEELTypeRegistry;
import org.kie.dmn.feel.runtime.events.SyntaxErrorEvent;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Refuses, when a model is saved or loaded, what would let one evaluation cost without bound: iteration beyond a
 * limit, iteration over a range whose size the model cannot know, recursion ({@link RecursionCheck}) and the
 * built-ins that cost without bound ({@link CostlyBuiltIns}). Every FEEL text is read by the engine's own parser,
 * so that what is checked is what would run; a text the parser cannot read is refused rather than let through
 * unchecked.
 */
final class UnboundedConstructCheck {
    static final long DEFAULT_MAX_ITERATION = 10_000;
    private static final FEELImpl FEEL_PARSER =
            (FEELImpl) FEEL.newInstance(UnboundedConstructCheck.class.getClassLoader(), List.of());

    // Anything costly calls something, raises to a power or iterates; the rest (most table cells) need not be read.
    private static final Pattern WORTH_READING = Pattern.compile("[(]|\\*\\*|\\b(for|some|every|partial)\\b");

    /** The parser needs the types {@code instance of} names; which type it is does not matter to what is counted. */
    private static final FEELTypeRegistry ANY_TYPE_NAME = new FEELTypeRegistry() {
        @Override
        public Scope getItemDefScope(Scope scope) {
            return DefaultBuiltinFEELTypeRegistry.INSTANCE.getItemDefScope(scope);
        }

        @Override
        public Type resolveFEELType(List<String> qualifiedName) {
            try {
                Type type = DefaultBuiltinFEELTypeRegistry.INSTANCE.resolveFEELType(qualifiedName);
                return type == null ? BuiltInType.UNKNOWN : type;
            } catch (RuntimeException e) {
                return BuiltInType.UNKNOWN;
            }
        }
    };

    record ParsedText(FeelText text, BaseNode ast) {}

    private final long maxIteration;
    private final List<ParsedText> texts = new ArrayList<>();
    private final Map<Element, ParsedText> byElement = new HashMap<>();
    private final Map<Element, Long> callCosts = new HashMap<>();
    private final Set<Element> costing = new HashSet<>();
    private final Map<String, Element> invocable = new HashMap<>();
    private final Set<String> inputs = new HashSet<>();
    private final List<ModelProblem> problems = new ArrayList<>();

    private UnboundedConstructCheck(long maxIteration) {
        this.maxIteration = maxIteration;
    }

    /** @param document the model as {@link DmnSafetyCheck#read} gave it */
    static List<ModelProblem> check(Document document, long maxIteration) {
        UnboundedConstructCheck check = new UnboundedConstructCheck(maxIteration);
        check.read(document);
        check.problems.addAll(RecursionCheck.check(document, check.texts));
        for (Element e : FeelTexts.elements(document)) {
            if (FeelTexts.BOXED_ITERATORS.contains(DmnSafetyCheck.localName(e))) {
                check.boxedDomainSize(e);
            }
        }
        for (ParsedText parsed : check.texts) {
            check.iterations(parsed);
            CostlyBuiltIns.check(parsed.ast()).forEach(reason -> check.problem(parsed.text(), reason));
        }
        return check.problems;
    }

    private void read(Document document) {
        Set<String> names = FeelTexts.names(document);
        for (Element e : FeelTexts.elements(document)) {
            String kind = DmnSafetyCheck.localName(e);
            if (FeelTexts.INVOCABLE.contains(kind)) {
                invocable.put(e.getAttribute("name").strip(), e);
            } else if (kind.equals("inputData")) {
                inputs.add(e.getAttribute("name").strip());
            }
        }
        for (FeelText text : FeelTexts.of(document)) {
            if (!WORTH_READING.matcher(text.text()).find()
                    && FeelTexts.ancestor(text.element(), Set.of("in", "invocation"))
                            .isEmpty()) {
                continue; // no call, power or iteration: nothing in it can cost more than its own length
            }
            List<String> syntaxErrors = new ArrayList<>();
            BaseNode ast;
            try {
                ast = parse(text, names, syntaxErrors);
            } catch (RuntimeException e) {
                syntaxErrors.add(String.valueOf(e.getMessage()));
                ast = null;
            }
            if (!syntaxErrors.isEmpty() || ast == null) {
                problem(text, "cannot be read to check what it costs (" + String.join("; ", syntaxErrors) + ")");
                continue;
            }
            ParsedText parsed = new ParsedText(text, ast);
            texts.add(parsed);
            byElement.put(text.element(), parsed);
        }
    }

    private static BaseNode parse(FeelText text, Set<String> names, List<String> syntaxErrors) {
        CompilerContext context = FEEL_PARSER.newCompilerContext(List.of((FEELEvent event) -> {
            if (event instanceof SyntaxErrorEvent) {
                syntaxErrors.add(event.getMessage());
            }
        }));
        context.setFEELTypeRegistry(ANY_TYPE_NAME);
        for (String name : names) {
            // Declaring only the names the text may use keeps reading a text of a large model fast.
            if (text.text().contains(name.split("\\s+")[0])) {
                context.addInputVariable(name, null);
            }
        }
        return (BaseNode)
                (text.unaryTests()
                        ? FEEL_PARSER
                                .processUnaryTests(text.text(), context)
                                .getInterpreted()
                                .getASTNode()
                        : FEEL_PARSER
                                .processExpression(text.text(), context)
                                .getInterpreted()
                                .getASTNode());
    }

    private void iterations(ParsedText parsed) {
        IterationCost cost = new IterationCost(this::callCost);
        long count = IterationCost.times(
                cost.of(parsed.ast()), boxedIterations(parsed.text().element()));
        for (String domain : cost.unboundedDomains()) {
            problem(
                    parsed.text(),
                    "\"" + domain + "\" iterates over a range whose size comes from a value the model reads, so its"
                            + " cost has no bound; the bounds of a range to iterate over must be literal numbers");
        }
        if (count > maxIteration) {
            String construct =
                    cost.costliest().map(n -> " (\"" + n.getText() + "\")").orElse("");
            problem(
                    parsed.text(),
                    "may iterate " + format(count) + " times in one evaluation" + construct + "; the limit is "
                            + format(maxIteration) + " iterations per expression (selektor.decision.max-iteration)");
        }
    }

    /** What a call of a business knowledge model or decision service iterates: what its expressions do. */
    private long callCost(String name) {
        Element callee = invocable.get(name);
        if (callee == null || !costing.add(callee)) {
            return 0; // a built-in, or recursion, which RecursionCheck refuses
        }
        try {
            Long known = callCosts.get(callee);
            if (known != null) {
                return known;
            }
            long total = 0;
            for (ParsedText parsed : texts) {
                if (parsed.text().owner().filter(o -> o == callee).isPresent()) {
                    total = IterationCost.add(total, new IterationCost(this::callCost).of(parsed.ast()));
                }
            }
            callCosts.put(callee, total);
            return total;
        } finally {
            costing.remove(callee);
        }
    }

    /** How often a text inside boxed iterators (DMN 1.5 for, some, every, filter) runs: their domains multiplied. */
    private long boxedIterations(Element element) {
        long count = 1;
        for (org.w3c.dom.Node n = element; n instanceof Element e; n = e.getParentNode()) {
            if (e.getParentNode() instanceof Element iterator
                    && FeelTexts.BOXED_ITERATORS.contains(DmnSafetyCheck.localName(iterator))
                    && !DmnSafetyCheck.localName(e).equals("in")) {
                count = IterationCost.times(count, boxedDomainSize(iterator));
            }
        }
        return count;
    }

    /**
     * The engine iterates whatever a boxed iterator's domain gives, a range included, so the domain must be one the
     * model can size: a literal list or range, or a list from an input.
     */
    private long boxedDomainSize(Element iterator) {
        Optional<ParsedText> domain = FeelTexts.children(iterator, "in").stream()
                .flatMap(in -> FeelTexts.children(in, "literalExpression").stream())
                .map(byElement::get)
                .filter(java.util.Objects::nonNull)
                .findFirst();
        if (domain.isEmpty()) {
            return 1; // a boxed list or other boxed expression: its elements are counted where they are written
        }
        BaseNode ast = domain.get().ast();
        IterationCost cost = new IterationCost(this::callCost);
        Optional<Long> size =
                ast instanceof ListNode || ast instanceof RangeNode ? cost.listSize(ast) : Optional.empty();
        if (size.isPresent() && cost.unboundedDomains().isEmpty()) {
            return size.get();
        }
        if (size.isEmpty() && CostlyBuiltIns.isLiteral(ast)) {
            return 1; // one value: the engine iterates over it as a list of one
        }
        String root = ast instanceof NameRefNode name
                ? name.getText().strip()
                : ast instanceof QualifiedNameNode path
                        ? path.getParts().get(0).getText().strip()
                        : "";
        if (size.isEmpty() && inputs.contains(root)) {
            return 1;
        }
        problem(
                domain.get().text(),
                "the boxed " + DmnSafetyCheck.localName(iterator) + " iterates over \""
                        + ast.getText().strip()
                        + "\", which may be a range whose size comes from a value the model reads; iterate over a"
                        + " literal list or range, or a list from an input");
        return 1;
    }

    private void problem(FeelText text, String message) {
        ModelProblem problem = new ModelProblem(ModelProblem.Severity.ERROR, text.where(), message, text.cell());
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    private static String format(long count) {
        return count == Long.MAX_VALUE
                ? "more than " + NumberFormat.getIntegerInstance(Locale.ROOT).format(Long.MAX_VALUE)
                : NumberFormat.getIntegerInstance(Locale.ROOT).format(count);
    }
}
