package dev.selektor.bench;

import dev.selektor.customer.CustomerFacts;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * bench/models/seasonal-25.dmn written by hand, as a Java developer would code the table without an engine: the
 * yardstick for the compiled tables. Returns the 1-based row that decides (FIRST), which fixes the answer as the
 * row's outputs are constants; the benchmark checks it against the compiled and the engine path.
 */
public final class HandWrittenSeasonal25 {
    private static final BigDecimal R100 = new BigDecimal("100");
    private static final BigDecimal R200 = new BigDecimal("200");
    private static final BigDecimal R300 = new BigDecimal("300");
    private static final BigDecimal R500 = new BigDecimal("500");
    private static final BigDecimal R800 = new BigDecimal("800");
    private static final BigDecimal R1000 = new BigDecimal("1000");
    private static final BigDecimal R1500 = new BigDecimal("1500");
    private static final BigDecimal R2000 = new BigDecimal("2000");
    private static final BigDecimal R3000 = new BigDecimal("3000");
    private static final BigDecimal R5000 = new BigDecimal("5000");
    private static final BigDecimal R10000 = new BigDecimal("10000");
    private static final BigDecimal RR01 = new BigDecimal("0.1");
    private static final BigDecimal RR015 = new BigDecimal("0.15");
    private static final BigDecimal RR02 = new BigDecimal("0.2");
    private static final BigDecimal RR025 = new BigDecimal("0.25");
    private static final BigDecimal RR04 = new BigDecimal("0.4");

    private HandWrittenSeasonal25() {}

    public static int decide(CustomerFacts c, LocalDate runDate) {
        BigDecimal revenue = c.revenue12m();
        BigDecimal returns = c.returnRate12m();
        int orders = c.orders12m();
        String segment = c.segment().name();
        String country = c.country();
        boolean fashion = c.categories().contains("fashion");
        LocalDate last = c.lastOrderDate().orElse(null);
        long days = last == null ? Long.MIN_VALUE : runDate.toEpochDay() - last.toEpochDay();
        boolean hasDays = last != null;
        boolean dach = country.equals("DE") || country.equals("AT") || country.equals("CH");

        if (returns.compareTo(RR04) >= 0) return 1;
        if (segment.equals("DORMANT")) return 2;
        if (!hasDays) return 3;
        if (days > 730) return 4;
        if (segment.equals("VIP")) {
            if (dach
                    && revenue.compareTo(R5000) >= 0
                    && orders >= 12
                    && returns.compareTo(RR02) < 0
                    && fashion
                    && days <= 90) return 5;
            if (dach && revenue.compareTo(R5000) >= 0 && days <= 180) return 6;
            if (revenue.compareTo(R5000) >= 0) return 7;
            boolean mid = revenue.compareTo(R2000) >= 0 && revenue.compareTo(R5000) < 0;
            if (mid && orders >= 6 && fashion) return 8;
            if (mid && days <= 90) return 9;
            if (revenue.compareTo(R1000) >= 0 && revenue.compareTo(R2000) < 0 && returns.compareTo(RR01) < 0) return 10;
            return 11;
        }
        if (segment.equals("REGULAR")) {
            boolean deAt = country.equals("DE") || country.equals("AT");
            boolean upper = revenue.compareTo(R1500) >= 0 && revenue.compareTo(R3000) < 0;
            if (country.equals("DE") && revenue.compareTo(R3000) >= 0 && orders >= 10 && fashion && days <= 60)
                return 12;
            if (deAt && upper && orders >= 6 && returns.compareTo(RR015) < 0 && days <= 90) return 13;
            if (deAt && upper && fashion) return 14;
            if (country.equals("CH") && revenue.compareTo(R1000) >= 0) return 15;
            if ((country.equals("NL") || country.equals("BE") || country.equals("DK"))
                    && revenue.compareTo(R500) >= 0
                    && revenue.compareTo(R1500) < 0
                    && orders >= 3
                    && days >= 30
                    && days <= 180) return 16;
            if (revenue.compareTo(R800) >= 0
                    && revenue.compareTo(R1500) < 0
                    && orders >= 4
                    && returns.compareTo(RR025) < 0
                    && fashion) return 17;
            if (revenue.compareTo(R500) >= 0 && revenue.compareTo(R800) < 0 && fashion && days <= 120) return 18;
            if (!dach && revenue.compareTo(R300) >= 0) return 19;
            if (revenue.compareTo(R200) >= 0 && revenue.compareTo(R500) < 0 && orders >= 2 && days <= 60) return 20;
        }
        if (segment.equals("NEW")) {
            if (dach && revenue.compareTo(R200) >= 0 && fashion && days <= 30) return 21;
            if (revenue.compareTo(R100) >= 0 && orders >= 2) return 22;
            if (days <= 14) return 23;
        }
        if (revenue.compareTo(R10000) >= 0) return 24;
        return 25;
    }
}
