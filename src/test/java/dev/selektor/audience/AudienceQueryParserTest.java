package dev.selektor.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.common.FieldError;
import dev.selektor.common.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An audience question as the contract writes it is understood, and a bad one is refused naming each field. */
class AudienceQueryParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");

    private static AudienceQuery parse(String json) throws Exception {
        return AudienceQueryParser.parse(JSON.readTree(json), TODAY);
    }

    private static List<FieldError> errorsOf(String json) {
        return assertThrows(InvalidInputException.class, () -> parse(json)).errors();
    }

    @Test
    void theContractsExampleIsUnderstood() throws Exception {
        AudienceQuery query = parse("""
                {"runDate": "2026-11-26",
                 "filters": [{"fact": "segment", "in": ["VIP", "REGULAR"]},
                             {"fact": "revenue12m", "gte": 500, "lt": 2000},
                             {"fact": "categories", "containsAny": ["audio"]},
                             {"fact": "lastOrderDate", "daysBeforeRunDate": {"lte": 365}},
                             {"fact": "marketingConsent", "is": true}],
                 "breakdowns": ["segment", "country"], "samples": 5}
                """);
        assertEquals(LocalDate.parse("2026-11-26"), query.runDate());
        assertEquals(
                List.of(
                        new AudienceFilter.In(CustomerFact.SEGMENT, List.of("VIP", "REGULAR")),
                        new AudienceFilter.Range(
                                CustomerFact.REVENUE_12M,
                                new AudienceFilter.Bounds<>(
                                        Optional.of(new BigDecimal("500")),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(new BigDecimal("2000")))),
                        new AudienceFilter.Contains(CustomerFact.CATEGORIES, List.of("audio"), false),
                        new AudienceFilter.BeforeRunDate(
                                CustomerFact.LAST_ORDER_DATE,
                                AudienceFilter.BeforeRunDate.Unit.DAYS,
                                new AudienceFilter.Bounds<>(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(new BigDecimal("365")),
                                        Optional.empty())),
                        new AudienceFilter.Is(CustomerFact.MARKETING_CONSENT, true)),
                query.filters());
        assertEquals(List.of(AudienceQuery.Breakdown.SEGMENT, AudienceQuery.Breakdown.COUNTRY), query.breakdowns());
        assertEquals(5, query.samples());
    }

    @Test
    void withoutARunDateTheQuestionIsAskedForTodayAndCountsEveryone() throws Exception {
        AudienceQuery query = parse("{}");
        assertEquals(TODAY, query.runDate());
        assertEquals(List.of(), query.filters());
        assertEquals(0, query.samples());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        List<FieldError> errors = errorsOf("""
                {"runDate": "26.11.2026",
                 "filters": [{"fact": "shoeSize", "in": [42]},
                             {"fact": "revenue12m", "gte": "500"},
                             {"fact": "segment", "is": true},
                             {"fact": "categories", "in": ["audio"]},
                             {"fact": "memberSince", "yearsBeforeRunDate": {"atLeast": 2}},
                             {"fact": "orders12m"},
                             {"fact": "country", "in": ["DE"], "is": true}],
                 "breakdowns": ["segment", "shoeSize"], "samples": 1000}
                """);
        List<String> fields = errors.stream().map(FieldError::field).toList();
        assertEquals(
                List.of(
                        "/runDate",
                        "/filters/0/fact",
                        "/filters/1/gte",
                        "/filters/2/is",
                        "/filters/3/in",
                        "/filters/4/yearsBeforeRunDate/atLeast",
                        "/filters/5",
                        "/filters/6",
                        "/breakdowns/1",
                        "/samples"),
                fields,
                errors.toString());
        assertTrue(errors.get(1).message().contains("revenue12m"), "the facts there are are listed: " + errors.get(1));
        assertTrue(
                errors.get(2).message().contains("must be a number, got \"500\""),
                errors.get(2).message());
        assertTrue(
                errors.get(4).message().contains("containsAny"), errors.get(4).message());
    }
}
