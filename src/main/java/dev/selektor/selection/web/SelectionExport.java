package dev.selektor.selection.web;

import dev.selektor.selection.SelectionResult;
import dev.selektor.selection.SelectionResultRepository;
import dev.selektor.selection.SelectionRun;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/** Writes a run's selected customers as CSV or NDJSON, page by page, so that any size streams in constant memory. */
final class SelectionExport {
    private static final int PAGE = 1_000;

    interface Pages {
        SelectionResultRepository.Page page(String runId, Optional<String> cursor, int limit);
    }

    private SelectionExport() {}

    static void write(SelectionRun run, Pages pages, String format, Writer out) throws IOException {
        boolean csv = format.equals("csv");
        if (csv) {
            out.write("customerId,discountPercent,reason,campaignId,runId,runDate,modelVersion\n");
        }
        Optional<String> cursor = Optional.empty();
        do {
            SelectionResultRepository.Page page = pages.page(run.runId(), cursor, PAGE);
            for (SelectionResult r : page.results()) {
                String discount = SelectionResultView.of(r).discountPercent().toPlainString();
                if (csv) {
                    out.write(String.join(
                            ",",
                            r.customerId(),
                            discount,
                            csvCell(r.reason()),
                            r.campaignId(),
                            r.runId(),
                            r.runDate().toString(),
                            r.modelVersion()));
                } else {
                    out.write("{\"customerId\":" + json(r.customerId()) + ",\"discountPercent\":" + discount
                            + ",\"reason\":" + json(r.reason()) + ",\"campaignId\":" + json(r.campaignId())
                            + ",\"runId\":" + json(r.runId()) + ",\"runDate\":\"" + r.runDate()
                            + "\",\"modelVersion\":" + json(r.modelVersion()) + "}");
                }
                out.write('\n');
            }
            cursor = page.lastKey();
        } while (cursor.isPresent());
    }

    private static String csvCell(String text) {
        return text.matches("[^,\"\\r\\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String json(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
