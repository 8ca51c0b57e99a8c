package dev.selektor.decision.model.compiled;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model whose every decision is a decision table over input data, compiled for the generic evaluation
 * endpoint: inputs by name (as FEEL values), every decision's result by name. All hit policies and the
 * aggregations of COLLECT are covered; an evaluation whose answer comes with engine messages (no rule matched,
 * two UNIQUE matches, different ANY outputs, a value of the wrong type) is left to the engine, so answers and
 * messages stay the engine's.
 */
public final class CompiledModel {

    enum Policy {
        UNIQUE,
        FIRST,
        ANY,
        PRIORITY,
        RULE_ORDER,
        OUTPUT_ORDER,
        COLLECT
    }

    enum Aggregation {
        NONE,
        SUM,
        MIN,
        MAX,
        COUNT
    }

    /**
     * @param values each rule's result: its single output's value, or its outputs by name
     * @param ranks each rule's rank per prioritised output (lower ranks first), for PRIORITY and OUTPUT ORDER
     */
    record Table(
            String decision,
            Column[] columns,
            CompiledTable rules,
            Policy policy,
            Aggregation aggregation,
            Object[] values,
            int[][] ranks) {

        Object evaluate(Map<String, Object> inputs) {
            Inputs in = Inputs.forThread(columns, inputs);
            try {
                if (policy == Policy.FIRST || policy == Policy.UNIQUE) {
                    int row = rules.match(in);
                    if (row < 0) {
                        throw Undecided.INSTANCE; // the engine's warning belongs in the answer
                    }
                    return values[row];
                }
                int[] rows = rules.matchAll(in);
                if (rows.length == 0) {
                    throw Undecided.INSTANCE;
                }
                return switch (policy) {
                    case ANY -> any(rows);
                    case PRIORITY -> values[byPriority(rows)[0]];
                    case OUTPUT_ORDER -> list(byPriority(rows));
                    case RULE_ORDER -> list(rows);
                    default -> collect(rows);
                };
            } finally {
                in.release();
            }
        }

        private Object any(int[] rows) {
            Object first = values[rows[0]];
            for (int row : rows) {
                if (!Objects.equals(first, values[row])) {
                    throw Undecided.INSTANCE;
                }
            }
            return first;
        }

        /** Matching rows by their outputs' ranks in the listed output values; equal ranks keep rule order. */
        private int[] byPriority(int[] rows) {
            return Arrays.stream(rows)
                    .boxed()
                    .sorted((a, b) -> Arrays.compare(ranks[a], ranks[b]))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }

        private List<Object> list(int[] rows) {
            List<Object> list = new ArrayList<>(rows.length);
            for (int row : rows) {
                list.add(values[row]);
            }
            return list;
        }

        private Object collect(int[] rows) {
            List<Object> list = list(rows);
            if (aggregation == Aggregation.NONE) {
                return list;
            }
            if (aggregation == Aggregation.COUNT) {
                return BigDecimal.valueOf(list.stream().distinct().count());
            }
            BigDecimal result = null;
            for (Object value : list) {
                if (!(value instanceof BigDecimal number)) {
                    throw Undecided.INSTANCE; // the engine's error for a non-number
                }
                result = result == null
                        ? number
                        : switch (aggregation) {
                            case SUM -> result.add(number);
                            case MIN -> result.min(number);
                            default -> result.max(number);
                        };
            }
            return result;
        }
    }

    private final List<Table> tables;

    CompiledModel(List<Table> tables) {
        this.tables = List.copyOf(tables);
    }

    /**
     * Every decision's result by name (only {@code decision}'s when given), or null when this evaluation must be
     * left to the engine.
     */
    public Map<String, Object> evaluate(Map<String, Object> inputs, Optional<String> decision) {
        Map<String, Object> results = new LinkedHashMap<>();
        try {
            for (Table table : tables) {
                if (decision.isEmpty() || decision.get().equals(table.decision())) {
                    results.put(table.decision(), table.evaluate(inputs));
                }
            }
        } catch (Undecided undecided) {
            return null;
        }
        return results;
    }

    String summary() {
        return tables.size() + " decision table(s)";
    }
}
