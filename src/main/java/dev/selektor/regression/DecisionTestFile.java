package dev.selektor.regression;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a case file of {@code decision-tests/}: a CSV with one column per customer fact, {@code runDate},
 * {@code holdoutPercent} and {@code expected.*} columns. Cells are written as a person types them: empty means
 * "no value", {@code categories} are separated by semicolons. The file is named after the model it tests.
 */
public final class DecisionTestFile {
    static final List<String> FACT_COLUMNS = List.of(
            "customerId",
            "segment",
            "country",
            "birthDate",
            "memberSince",
            "marketingConsent",
            "fraudFlag",
            "orders12m",
            "revenue12m",
            "returnRate12m",
            "lastOrderDate",
            "categories");
    private static final Set<String> BOOLEAN = Set.of("marketingConsent", "fraudFlag");
    private static final Set<String> NUMBER = Set.of("orders12m", "revenue12m", "returnRate12m");
    static final List<String> REQUIRED =
            List.of("case", "runDate", "expected.outcome", "expected.discountPercent", "expected.reason");

    public record Parsed(String model, List<DecisionTestCase> cases, List<String> errors) {}

    private DecisionTestFile() {}

    public static Parsed parse(String fileName, String text) {
        String model = fileName.replaceFirst("\\.csv$", "");
        List<String> errors = new ArrayList<>();
        List<Csv.Row> rows = Csv.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (rows.isEmpty()) {
            return new Parsed(model, List.of(), List.of(fileName + ": no header line"));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                errors.add(fileName + ": the header has no column \"" + required + "\"");
            }
        }
        for (String fact : FACT_COLUMNS) {
            if (!columns.containsKey(fact)) {
                errors.add(fileName + ": the header has no column \"" + fact
                        + "\" (write every fact, leave a cell empty for no value)");
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(model, List.of(), errors);
        }
        List<DecisionTestCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String where = fileName + " line " + row.line();
            if (row.cells().size() != header.size()) {
                errors.add(where + ": has " + row.cells().size() + " cells, the header has " + header.size());
                continue;
            }
            java.util.function.Function<String, String> cell = column -> {
                Integer index = columns.get(column);
                return index == null ? "" : row.cells().get(index);
            };
            String name = cell.apply("case");
            if (name.isEmpty() || !names.add(name)) {
                errors.add(where + ": the case needs a unique name, got \"" + name + "\"");
                continue;
            }
            try {
                ObjectNode facts = JsonNodeFactory.instance.objectNode();
                for (String fact : FACT_COLUMNS) {
                    putFact(facts, fact, cell.apply(fact));
                }
                LocalDate runDate = LocalDate.parse(cell.apply("runDate"));
                String holdout = cell.apply("holdoutPercent");
                String pressure = cell.apply("otherCampaignsRecently");
                String row1 = cell.apply("expected.row");
                String outcome = cell.apply("expected.outcome");
                if (!Set.of("SELECTED", "REJECTED", "HOLDOUT").contains(outcome)) {
                    throw new IllegalArgumentException(
                            "expected.outcome must be SELECTED, REJECTED or HOLDOUT, got \"" + outcome + "\"");
                }
                cases.add(new DecisionTestCase(
                        fileName,
                        row.line(),
                        name,
                        facts,
                        runDate,
                        holdout.isEmpty() ? 0 : Double.parseDouble(holdout),
                        pressure.isEmpty() ? 0 : Integer.parseInt(pressure),
                        outcome,
                        new BigDecimal(cell.apply("expected.discountPercent")),
                        cell.apply("expected.reason"),
                        row1.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(row1))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(where + " (" + name + "): " + e.getMessage());
            }
        }
        return new Parsed(model, cases, errors);
    }

    private static void putFact(ObjectNode facts, String field, String value) {
        if (value.isEmpty()) {
            if (field.equals("categories")) {
                facts.putArray("categories");
            }
            return;
        }
        if (field.equals("categories")) {
            ArrayNode array = facts.putArray("categories");
            for (String category : value.split(";")) {
                if (!category.isBlank()) {
                    array.add(category.strip());
                }
            }
        } else if (BOOLEAN.contains(field) && (value.equals("true") || value.equals("false"))) {
            facts.put(field, Boolean.parseBoolean(value));
        } else if (NUMBER.contains(field) && value.matches("-?\\d{1,18}")) {
            facts.put(field, Long.parseLong(value));
        } else if (NUMBER.contains(field) && value.matches("-?\\d+(\\.\\d+)?")) {
            facts.put(field, new BigDecimal(value));
        } else {
            // Anything else stays text, so the contract's validation names the bad cell.
            facts.put(field, value);
        }
    }
}
