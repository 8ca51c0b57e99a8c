package dev.selektor.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * ISO dates (2026-11-26) read without {@code DateTimeFormatter}: a decision request carries four of them, and the
 * formatter's general parser costs more than the rest of reading the facts. The answer is always that of
 * {@link LocalDate#parse(CharSequence)}: anything but the plain ten-character form, and every impossible date, goes
 * to it, so errors read the same.
 */
public final class IsoDates {
    private IsoDates() {}

    /** The date, or the {@link DateTimeParseException} that {@link LocalDate#parse(CharSequence)} throws. */
    public static LocalDate parse(CharSequence text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (DateTimeException impossible) {
                    // February 30th and the like: LocalDate.parse words the error.
                }
            }
        }
        return LocalDate.parse(text);
    }

    /** The ASCII digits from start to end as a number, or -1 (the formatter reads no other digits either). */
    private static int digits(CharSequence text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
