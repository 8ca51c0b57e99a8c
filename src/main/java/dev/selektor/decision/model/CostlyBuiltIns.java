package dev.selektor.decision.model;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.dmn.feel.lang.ast.ASTNode;
import org.kie.dmn.feel.lang.ast.AtLiteralNode;
import org.kie.dmn.feel.lang.ast.BaseNode;
import org.kie.dmn.feel.lang.ast.BooleanNode;
import org.kie.dmn.feel.lang.ast.ForExpressionNode;
import org.kie.dmn.feel.lang.ast.FunctionInvocationNode;
import org.kie.dmn.feel.lang.ast.InfixOpNode;
import org.kie.dmn.feel.lang.ast.InfixOperator;
import org.kie.dmn.feel.lang.ast.ListNode;
import org.kie.dmn.feel.lang.ast.NameRefNode;
import org.kie.dmn.feel.lang.ast.NamedParameterNode;
import org.kie.dmn.feel.lang.ast.NullNode;
import org.kie.dmn.feel.lang.ast.StringNode;

/**
 * What FEEL's built-ins in the engine (KIE 10.2) let a short expression cost without bound, found by trying them:
 * no built-in builds a string or list whose size comes from a number ({@code substring}, {@code sublist} and the
 * like are bounded by what they are given), but
 *
 * <ul>
 *   <li>{@code matches}, {@code replace} and {@code split} run Java regular expressions, which backtrack: a pattern
 *       like {@code (a+)+$} takes time exponential in the text's length (30 characters: minutes);
 *   <li>{@code partial}, the list a {@code for} has built so far, lets each iteration double a string or list, so
 *       that 40 iterations ask for a terabyte;
 *   <li>{@code **} and {@code exp} keep 34 digits but let the exponent grow without bound, and rounding such a
 *       number ({@code floor}, {@code decimal}, {@code modulo}, {@code round up} and the others) writes out all its
 *       digits: {@code floor(10 ** 99999999)} does not end.
 * </ul>
 */
final class CostlyBuiltIns {
    /** The largest exponent {@code **} and {@code exp} may be given: 10 ** 1000 still rounds in microseconds. */
    static final BigDecimal MAX_EXPONENT = BigDecimal.valueOf(1000);

    // The position of each regular-expression function's pattern, and its name when given by name.
    private static final Map<String, Integer> PATTERN_POSITION = Map.of("matches", 1, "replace", 1, "split", 1);
    private static final Map<String, String> PATTERN_NAME =
            Map.of("matches", "pattern", "replace", "pattern", "split", "delimiter");

    private CostlyBuiltIns() {}

    /** Each reason this expression is refused, with the part of it that is meant. */
    static List<String> check(ASTNode root) {
        List<String> reasons = new ArrayList<>();
        walk(root, reasons);
        return reasons;
    }

    private static void walk(ASTNode node, List<String> reasons) {
        if (node == null) {
            return;
        }
        if (node instanceof FunctionInvocationNode call && PATTERN_POSITION.containsKey(called(call))) {
            pattern(call, called(call)).ifPresent(reasons::add);
        }
        if (node instanceof ForExpressionNode loop && usesPartial(loop.getExpression())) {
            reasons.add("\"" + loop.getText() + "\" reads partial, the results of its earlier iterations: each"
                    + " iteration can double a string or list, so even a short loop can fill the memory");
        }
        if (isPower(node)) {
            Optional<BigDecimal> exponent = exponentBound(node);
            if (exponent.isEmpty() || exponent.get().compareTo(MAX_EXPONENT) > 0) {
                reasons.add("\"" + ((BaseNode) node).getText() + "\": an exponent (of ** or exp) must be a literal"
                        + " number, and powers of powers may reach at most " + MAX_EXPONENT + " in all; a number"
                        + " with a larger exponent takes time and memory without bound to round");
                return; // the powers inside are part of this one
            }
        }
        for (ASTNode child : node.getChildrenNode()) {
            walk(child, reasons);
        }
    }

    private static String called(FunctionInvocationNode call) {
        return call.getName() instanceof NameRefNode name ? name.getText().strip() : "";
    }

    private static boolean isPower(ASTNode node) {
        return node instanceof InfixOpNode op && op.getOperator() == InfixOperator.POW
                || node instanceof FunctionInvocationNode call && called(call).equals("exp");
    }

    /**
     * The largest exponent the node's powers can reach (powers of powers multiply), zero without powers; empty when
     * an exponent is computed. A literal that is not a number makes the power fail at once, so it counts as zero.
     */
    private static Optional<BigDecimal> exponentBound(ASTNode node) {
        if (node == null) {
            return Optional.of(BigDecimal.ZERO);
        }
        if (isPower(node)) {
            BaseNode base = node instanceof InfixOpNode op ? op.getLeft() : null;
            BaseNode exponent = node instanceof InfixOpNode op
                    ? op.getRight()
                    : argument((FunctionInvocationNode) node, 0, "n").orElse(null);
            Optional<BigDecimal> literal = IterationCost.literalNumber(exponent);
            if (literal.isEmpty() && !isLiteral(exponent)) {
                return Optional.empty();
            }
            BigDecimal own = literal.map(BigDecimal::abs).orElse(BigDecimal.ZERO);
            return exponentBound(base).map(inner -> own.multiply(inner.max(BigDecimal.ONE)));
        }
        BigDecimal max = BigDecimal.ZERO;
        for (ASTNode child : node.getChildrenNode()) {
            Optional<BigDecimal> bound = exponentBound(child);
            if (bound.isEmpty()) {
                return bound;
            }
            max = max.max(bound.get());
        }
        return Optional.of(max);
    }

    /** A value written out in the expression: a string, number, boolean or null, or a list of them. */
    static boolean isLiteral(ASTNode node) {
        if (node instanceof ListNode list) {
            return list.getElements().stream().allMatch(CostlyBuiltIns::isLiteral);
        }
        return node == null
                || node instanceof StringNode
                || node instanceof NullNode
                || node instanceof BooleanNode
                || node instanceof AtLiteralNode
                || IterationCost.literalNumber((BaseNode) node).isPresent();
    }

    private static Optional<String> pattern(FunctionInvocationNode call, String function) {
        Optional<BaseNode> pattern = argument(call, PATTERN_POSITION.get(function), PATTERN_NAME.get(function));
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        if (!isLiteral(pattern.get())) {
            return Optional.of("\"" + call.getText() + "\": the pattern of " + function + "() must be a string"
                    + " literal; a pattern the model computes can take time exponential in the text's length");
        }
        if (pattern.get() instanceof StringNode literal && nestedQuantifier(literal.getValue())) {
            return Optional.of("\"" + call.getText() + "\": the pattern repeats a group that itself repeats or has"
                    + " alternatives, which can take time exponential in the text's length; rewrite it without"
                    + " nested repetition");
        }
        return Optional.empty();
    }

    private static Optional<BaseNode> argument(FunctionInvocationNode call, int position, String name) {
        List<BaseNode> params =
                call.getParams() == null ? List.of() : call.getParams().getElements();
        for (BaseNode param : params) {
            if (param instanceof NamedParameterNode named) {
                if (named.getName().getText().strip().equals(name)) {
                    return Optional.of(named.getExpression());
                }
            }
        }
        if (position < params.size() && !(params.get(position) instanceof NamedParameterNode)) {
            return Optional.of(params.get(position));
        }
        return Optional.empty();
    }

    private static boolean usesPartial(ASTNode node) {
        if (node == null) {
            return false;
        }
        if (node instanceof NameRefNode name && name.getText().strip().equals("partial")) {
            return true;
        }
        for (ASTNode child : node.getChildrenNode()) {
            if (usesPartial(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a group that contains a repetition or an alternative is itself repeated ({@code *}, {@code +} or
     * braces allowing more than one): the shape behind exponential backtracking. Escapes and character classes are skipped.
     */
    static boolean nestedQuantifier(String regex) {
        Deque<boolean[]> groups = new ArrayDeque<>();
        boolean lastGroupRisky = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean closedGroupRisky = false;
            switch (c) {
                case '\\' -> i++;
                case '[' -> i = endOfClass(regex, i);
                case '(' -> {
                    groups.push(new boolean[] {false});
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                        i++;
                    }
                }
                case ')' -> {
                    boolean risky = !groups.isEmpty() && groups.pop()[0];
                    closedGroupRisky = risky;
                    markEnclosing(groups, risky);
                }
                case '|' -> markEnclosing(groups, true);
                case '*', '+', '{' -> {
                    if (lastGroupRisky && (c != '{' || unboundedOrMany(regex, i))) {
                        return true;
                    }
                    markEnclosing(groups, true);
                }
                case '?' -> markEnclosing(groups, true);
                default -> {}
            }
            lastGroupRisky = closedGroupRisky;
        }
        return false;
    }

    private static void markEnclosing(Deque<boolean[]> groups, boolean risky) {
        if (risky && !groups.isEmpty()) {
            groups.peek()[0] = true;
        }
    }

    private static int endOfClass(String regex, int start) {
        for (int i = start + 1; i < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                i++;
            } else if (regex.charAt(i) == ']' && i > start + 1) {
                return i;
            }
        }
        return regex.length();
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} that can repeat more than once. */
    private static boolean unboundedOrMany(String regex, int brace) {
        int end = regex.indexOf('}', brace);
        if (end < 0) {
            return false;
        }
        String[] bounds = regex.substring(brace + 1, end).split(",", -1);
        String most = bounds[bounds.length - 1].strip();
        if (most.isEmpty()) {
            return true;
        }
        try {
            return Integer.parseInt(most) > 1;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
