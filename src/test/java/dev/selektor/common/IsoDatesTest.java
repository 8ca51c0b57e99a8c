package dev.selektor.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading must answer exactly what LocalDate.parse answers, for good and bad text alike. */
class IsoDatesTest {

    @Test
    void everyDayOfFourHundredYearsReadsAsTheSameDate() {
        // 400 years are one full cycle of the Gregorian leap rules, including 2000 (leap) and 2100 (not).
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.isBefore(LocalDate.of(2300, 1, 1)); day = day.plusDays(1)) {
            assertEquals(day, IsoDates.parse(day.toString()));
        }
        assertEquals(LocalDate.parse("0000-01-01"), IsoDates.parse("0000-01-01"));
        assertEquals(LocalDate.parse("+12026-11-26"), IsoDates.parse("+12026-11-26"));
    }

    @Test
    void badTextIsRefusedWithTheFormattersOwnError() {
        for (String text : List.of(
                "2026-02-29",
                "2026-02-30",
                "2100-02-29",
                "2026-13-01",
                "2026-00-10",
                "2026-11-00",
                "2026-11-31",
                "2026-1-26",
                "26-11-2026",
                "2026/11/26",
                "2026-11-26 ",
                " 2026-11-26",
                "",
                "2026-11-2x",
                "-026-11-26",
                "+026-11-26",
                "2026-11-26T10:00",
                "٢٠٢٦-١١-٢٦",
                "２０２６-１１-２６")) {
            DateTimeParseException expected =
                    assertThrows(DateTimeParseException.class, () -> LocalDate.parse(text), text);
            DateTimeParseException actual =
                    assertThrows(DateTimeParseException.class, () -> IsoDates.parse(text), text);
            assertEquals(expected.getMessage(), actual.getMessage(), text);
        }
    }

    @Test
    void randomTextNearTheIsoFormAgreesWithLocalDateParse() {
        Random random = new Random(7);
        String alphabet = "0123456789-+ /x";
        for (int n = 0; n < 200_000; n++) {
            char[] text = LocalDate.of(1990, 1, 1)
                    .plusDays(random.nextInt(20_000))
                    .toString()
                    .toCharArray();
            for (int changes = random.nextInt(3); changes > 0; changes--) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String candidate = new String(text);
            LocalDate expected;
            try {
                expected = LocalDate.parse(candidate);
            } catch (DateTimeParseException e) {
                DateTimeParseException actual =
                        assertThrows(DateTimeParseException.class, () -> IsoDates.parse(candidate), candidate);
                assertEquals(e.getMessage(), actual.getMessage(), candidate);
                continue;
            }
            assertEquals(expected, IsoDates.parse(candidate), candidate);
        }
    }
}
