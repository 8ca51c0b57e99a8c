package dev.selektor.regression;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV, enough for case files people edit in a spreadsheet: quoted fields, doubled quotes, CRLF. */
final class Csv {

    /** One record with the 1-based line it starts on. */
    record Row(int line, List<String> cells) {}

    private Csv() {}

    /** Skips blank lines and lines whose first cell starts with '#'. */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int rowStart = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                addRow(rows, rowStart, cells);
                cells = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                line++;
                rowStart = line;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !cells.isEmpty() || wasQuoted) {
            cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
            addRow(rows, rowStart, cells);
        }
        return rows;
    }

    private static void addRow(List<Row> rows, int line, List<String> cells) {
        boolean blank = cells.stream().allMatch(String::isEmpty);
        boolean comment = !cells.isEmpty() && cells.get(0).startsWith("#");
        if (!blank && !comment) {
            rows.add(new Row(line, List.copyOf(cells)));
        }
    }
}
