package dev.selektor.decision.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.decision.model.convention.MatchedRule;
import dev.selektor.testing.ActingUser;
import dev.selektor.testing.SampleCampaigns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written decision answer must be byte for byte what the application's Jackson mapper writes. */
@QuarkusTest
class DecisionViewWriterTest {

    @Inject
    ObjectMapper mapper;

    /** As the generic REST writer writes it: to bytes (UTF-8 generator; it escapes surrogate pairs, a String would not). */
    private String asJacksonWritesIt(DecisionView view) throws IOException {
        return new String(mapper.writeValueAsBytes(view), StandardCharsets.UTF_8);
    }

    private String written(DecisionView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DecisionViewWriter(mapper).write(view, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyKindOfViewIsWrittenExactlyAsTheMapperWritesIt() throws IOException {
        Random random = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            DecisionView view = randomView(random);
            assertEquals(asJacksonWritesIt(view), written(view), "view " + i + ": " + view);
        }
    }

    @Test
    @ActingUser("tester")
    void theEndpointAnswersWhatTheMapperWritesForTheSameContent() throws IOException {
        SampleCampaigns.define();
        LocalDate runDate = LocalDate.parse("2026-11-26");
        SyntheticCustomers customers = new SyntheticCustomers(42, runDate);
        for (String campaignId : List.of("black-week-tech", "winback-180")) {
            for (long n = 1; n <= 300; n++) {
                String factsJson = SyntheticCustomers.toJson(customers.next(n));
                String body = "{\"customer\": " + factsJson + ", \"runDate\": \"" + runDate + "\"}";
                String answer = given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/campaigns/" + campaignId + "/decisions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
                // Read back and written by the mapper, the answer must come out unchanged.
                assertEquals(asJacksonWritesIt(mapper.readValue(answer, DecisionView.class)), answer);
            }
        }
    }

    private static final String[] TEXTS = {
        "",
        "C-000000001",
        "No electronics purchases",
        "quote \" and backslash \\",
        "tab\tnew line\ncarriage\r",
        "control \u0001\u001f",
        "ümlaut – dash ✓ emoji \uD83D\uDE00",
        "</script>",
        "a/b"
    };

    private static String text(Random r) {
        return r.nextInt(8) == 0 ? null : TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : r.nextInt(1000));
    }

    private static BigDecimal number(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> BigDecimal.ZERO;
            case 2 -> new BigDecimal("1E+3");
            case 3 -> new BigDecimal("15.00");
            case 4 -> BigDecimal.valueOf(r.nextLong(), r.nextInt(12) - 2);
            default -> new BigDecimal("-0.000001");
        };
    }

    private static Object inputValue(Random r, int depth) {
        return switch (r.nextInt(depth > 1 ? 11 : 13)) {
            case 0 -> null;
            case 1 -> text(r);
            case 2 -> number(r);
            case 3 -> r.nextInt();
            case 4 -> r.nextLong();
            case 5 -> r.nextBoolean();
            case 6 -> LocalDate.ofEpochDay(r.nextInt(60_000) - 10_000);
            case 7 -> LocalDate.of(r.nextBoolean() ? 10_000 : -5, 1, 31);
            case 8 -> r.nextDouble() * 1000; // not a fact type: the mapper writes it
            case 9 -> Instant.ofEpochSecond(r.nextInt()); // likewise
            case 10 -> new ArrayList<>(Arrays.asList(text(r), text(r)));
            case 11 -> Arrays.asList(inputValue(r, depth + 1), "x");
            default -> {
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put("n", inputValue(r, depth + 1));
                yield nested;
            }
        };
    }

    private static DecisionView randomView(Random r) {
        List<DecisionView.PolicyView> policies = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            policies.add(new DecisionView.PolicyView(text(r), r.nextBoolean() ? "PASSED" : "REJECTED", text(r)));
        }
        List<MatchedRule> rules = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            rules.add(new MatchedRule(text(r), r.nextInt(30) - 1, text(r)));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = r.nextInt(8); i > 0; i--) {
            inputs.put("Customer." + TEXTS[r.nextInt(TEXTS.length)] + i, inputValue(r, 0));
        }
        List<String> messages = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            messages.add(text(r));
        }
        DecisionView.ExplanationView explanation = r.nextInt(20) == 0
                ? null
                : new DecisionView.ExplanationView(
                        r.nextInt(20) == 0 ? null : policies,
                        r.nextInt(20) == 0 ? null : rules,
                        r.nextInt(20) == 0 ? null : inputs,
                        r.nextInt(20) == 0 ? null : messages);
        return new DecisionView(
                text(r),
                text(r),
                r.nextBoolean() ? "SELECTED" : "REJECTED",
                r.nextBoolean(),
                number(r),
                text(r),
                text(r),
                text(r),
                r.nextInt(10) == 0 ? null : LocalDate.ofEpochDay(r.nextInt(40_000)),
                explanation);
    }
}
