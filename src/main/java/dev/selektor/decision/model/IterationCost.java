package dev.selektor.decision.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.kie.dmn.feel.lang.ast.ASTNode;
import org.kie.dmn.feel.lang.ast.BaseNode;
import org.kie.dmn.feel.lang.ast.FilterExpressionNode;
import org.kie.dmn.feel.lang.ast.ForExpressionNode;
import org.kie.dmn.feel.lang.ast.FunctionInvocationNode;
import org.kie.dmn.feel.lang.ast.IterationContextNode;
import org.kie.dmn.feel.lang.ast.ListNode;
import org.kie.dmn.feel.lang.ast.NameRefNode;
import org.kie.dmn.feel.lang.ast.NumberNode;
import org.kie.dmn.feel.lang.ast.QuantifiedExpressionNode;
import org.kie.dmn.feel.lang.ast.RangeNode;
import org.kie.dmn.feel.lang.ast.SignedUnaryNode;

/**
 * How many iterations one evaluation of a FEEL expression may take: {@code for}, {@code some} and {@code every}
 * count the size of their domains, nested ones multiply, a filter counts its list's elements, and a call of a
 * business knowledge model counts what that model iterates. A list the expression does not build itself (the
 * customer's categories, say) counts as one element: its size is the input's, not the model's. A domain whose size
 * the model cannot know, a range with a bound that is not a literal number, is reported instead of counted.
 */
final class IterationCost {
    private final ToLongFunction<String> calls;
    private final List<String> unboundedDomains = new ArrayList<>();
    private BaseNode costliest;
    private long costliestCount;

    /** @param calls what a call of a named function costs (0 for a built-in or an unknown name) */
    IterationCost(ToLongFunction<String> calls) {
        this.calls = calls;
    }

    /** The iteration count of the node, saturating at {@link Long#MAX_VALUE}. */
    long of(ASTNode node) {
        if (node == null) {
            return 0;
        }
        if (node instanceof ForExpressionNode loop) {
            return iteration(loop, loop.getIterationContexts(), loop.getExpression());
        }
        if (node instanceof QuantifiedExpressionNode quantified) {
            return iteration(quantified, quantified.getIterationContexts(), quantified.getExpression());
        }
        if (node instanceof FilterExpressionNode filter) {
            // A range is no list to a filter: the filter sees it as one value.
            long size = filter.getExpression() instanceof RangeNode
                    ? 1
                    : listSize(filter.getExpression()).orElse(1L);
            return add(of(filter.getExpression()), times(size, Math.max(1, of(filter.getFilter()))));
        }
        long total = 0;
        if (node instanceof FunctionInvocationNode call && call.getName() instanceof NameRefNode name) {
            total = calls.applyAsLong(name.getText());
        }
        for (ASTNode child : node.getChildrenNode()) {
            total = add(total, of(child));
        }
        return total;
    }

    /** The for/some/every of the greatest count seen, outermost on a tie: what a message should quote. */
    Optional<BaseNode> costliest() {
        return Optional.ofNullable(costliest);
    }

    /** The domains seen whose size the model cannot know, as written. */
    List<String> unboundedDomains() {
        return unboundedDomains;
    }

    private long iteration(BaseNode node, List<IterationContextNode> contexts, BaseNode body) {
        long domains = 0;
        long count = 1;
        for (IterationContextNode context : contexts) {
            domains = add(domains, add(of(context.getExpression()), of(context.getRangeEndExpr())));
            count = times(count, domainSize(context));
        }
        long total = add(domains, times(count, Math.max(1, of(body))));
        if (total >= costliestCount) {
            costliest = node;
            costliestCount = total;
        }
        return total;
    }

    private long domainSize(IterationContextNode context) {
        if (context.getRangeEndExpr() != null) {
            return rangeSize(context.getExpression(), context.getRangeEndExpr(), context.getText());
        }
        return listSize(context.getExpression()).orElse(1L);
    }

    /**
     * The elements a list expression gives, where the expression alone tells: a literal list, a literal range (an
     * iteration domain), or a {@code for} over such domains.
     */
    Optional<Long> listSize(BaseNode list) {
        if (list instanceof ListNode literal) {
            return Optional.of((long) literal.getElements().size());
        }
        if (list instanceof RangeNode range) {
            return Optional.of(rangeSize(range.getStart(), range.getEnd(), range.getText()));
        }
        if (list instanceof ForExpressionNode loop) {
            long count = 1;
            for (IterationContextNode context : loop.getIterationContexts()) {
                count = times(count, domainSize(context));
            }
            return Optional.of(count);
        }
        return Optional.empty();
    }

    private long rangeSize(BaseNode start, BaseNode end, String text) {
        Optional<BigDecimal> from = literalNumber(start);
        Optional<BigDecimal> to = literalNumber(end);
        if (from.isEmpty() || to.isEmpty()) {
            unboundedDomains.add(text.strip());
            return 1;
        }
        BigDecimal steps = to.get().subtract(from.get()).abs();
        return steps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE - 1)) >= 0 ? Long.MAX_VALUE : steps.longValue() + 1;
    }

    static Optional<BigDecimal> literalNumber(BaseNode node) {
        if (node instanceof NumberNode number) {
            return Optional.of(number.getValue());
        }
        if (node instanceof SignedUnaryNode signed && signed.getExpression() instanceof NumberNode number) {
            return Optional.of(
                    signed.getSign() == SignedUnaryNode.Sign.NEGATIVE
                            ? number.getValue().negate()
                            : number.getValue());
        }
        return Optional.empty();
    }

    static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
