package dev.selektor.customer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Command line: writes synthetic customers as NDJSON, ready for {@code POST /customers/import}.
 * {@code bin/generate-customers --count N --seed S [--out FILE] [--today YYYY-MM-DD]}
 */
public final class GenerateCustomers {
    private GenerateCustomers() {}

    public static void main(String[] args) throws IOException {
        long count = 10_000;
        long seed = 42;
        Path out = null;
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--count" -> count = Long.parseLong(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--today" -> today = LocalDate.parse(required(args[i], value));
                default -> {
                    System.err.println(
                            "usage: generate-customers --count N --seed S [--out FILE] [--today YYYY-MM-DD]");
                    System.exit(2);
                }
            }
            i++;
        }
        SyntheticCustomers customers = new SyntheticCustomers(seed, today);
        try (Writer writer = out == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (long n = 1; n <= count; n++) {
                writer.write(SyntheticCustomers.toJson(customers.next(n)));
                writer.write('\n');
            }
        }
    }

    private static String required(String flag, String value) {
        if (value == null) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
