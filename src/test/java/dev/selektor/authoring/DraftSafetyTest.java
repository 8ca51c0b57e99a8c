package dev.selektor.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An editor's draft that would let an evaluation cost without bound, or that the store cannot hold, is refused when
 * it is saved, saying where and why, and nothing is stored.
 */
@QuarkusTest
class DraftSafetyTest {
    private static final String REVENUE_INPUT = "<text>Customer.revenue12m</text>\n        </inputExpression>";

    @BeforeEach
    void actAsEditor() {
        TestUsers.actAs("editor");
    }

    private static String sample() {
        return read(Path.of("dmn/black-week-tech.dmn"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model name no other test uses, and the sample model under it. */
    private static String newName() {
        return "safety-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String sampleNamed(String name) {
        return sample().replace("name=\"black-week-tech\"", "name=\"" + name + "\"");
    }

    private static String revenueInput(String xml, String expression) {
        assertTrue(xml.contains(REVENUE_INPUT), "the sample model reads the revenue in a column of its own");
        return xml.replace(REVENUE_INPUT, "<text>" + expression + "</text>\n        </inputExpression>");
    }

    private static ValidatableResponse save(String name, String xml) {
        return given().contentType(ContentType.XML)
                .body(xml.getBytes(StandardCharsets.UTF_8))
                .post("/decision-models/" + name + "/drafts")
                .then();
    }

    private static List<String> draftIds(String name) {
        return given().get("/decision-models/" + name + "/drafts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("draftId", String.class);
    }

    @Test
    void theLoopOfFiftyMillionInBlackWeekTechIsRefusedAtSaveTimeNamingDecisionColumnAndReason() {
        List<String> before = draftIds("black-week-tech");
        save(
                        "black-week-tech",
                        revenueInput(sample(), "Customer.revenue12m + count(for i in 1..50000000 return i) * 0"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].decision", equalTo("Selection"))
                .body("errors[0].column", equalTo("Revenue (12 months, EUR)"))
                .body("errors[0].row", nullValue())
                .body("errors[0].message", containsString("may iterate 50,000,000 times"))
                .body("errors[0].message", containsString("the limit is 10,000"));
        assertEquals(before, draftIds("black-week-tech"), "nothing was stored");
    }

    @Test
    void aSmallLiteralLoopIsStillAccepted() {
        String name = newName();
        save(name, revenueInput(sampleNamed(name), "Customer.revenue12m + count(for i in 1..10 return i) * 0"))
                .statusCode(201)
                .body("name", equalTo(name));
        assertEquals(1, draftIds(name).size());
    }

    @Test
    void aRangeBoundReadFromTheCustomerIsRefused() {
        String name = newName();
        save(
                        name,
                        revenueInput(
                                sampleNamed(name),
                                "Customer.revenue12m + count(for i in 1..Customer.orders12m return i) * 0"))
                .statusCode(422)
                .body("errors[0].decision", equalTo("Selection"))
                .body("errors[0].column", equalTo("Revenue (12 months, EUR)"))
                .body("errors[0].message", containsString("1..Customer.orders12m"))
                .body("errors[0].message", containsString("bounds of a range to iterate over must be literal numbers"));
        assertEquals(List.of(), draftIds(name));
    }

    @Test
    void twoBusinessKnowledgeModelsCallingEachOtherAreRefused() {
        String name = newName();
        String xml = read(Path.of("src/test/resources/unsafe/recursive-bkms.dmn"))
                .replace("name=\"recursive-bkms\"", "name=\"" + name + "\"");
        save(name, xml)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("businessKnowledgeModel \"Is Even\""))
                .body("errors[0].message", containsString("calls itself through Is Even → Is Odd → Is Even"));
        assertEquals(List.of(), draftIds(name));
    }

    @Test
    void aDraftOfAThousandRowsIsRefusedWith413SayingItsSizeAndTheLimit() {
        String name = newName();
        String xml = withRows(sampleNamed(name), 1000);
        int size = xml.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size > 900_000 && size < 2 * 1024 * 1024, "about 1 MB, under the request limit: " + size);
        ValidatableResponse refused = save(name, xml)
                .statusCode(413)
                .contentType("application/problem+json")
                .body("size", equalTo(size))
                .body("limit", lessThan(400 * 1024))
                .body(
                        "detail",
                        containsString(
                                NumberFormat.getIntegerInstance(Locale.ROOT).format(size) + " bytes"))
                .body("detail", containsString("409,600 bytes"))
                .body("detail", containsString("Nothing was stored"));
        int limit = refused.extract().jsonPath().getInt("limit");
        assertTrue(
                refused.extract()
                        .jsonPath()
                        .getString("detail")
                        .contains(NumberFormat.getIntegerInstance(Locale.ROOT).format(limit) + " bytes"),
                "the detail names the limit that applies");
        assertEquals(List.of(), draftIds(name));
    }

    /** The model with {@code rows} copies of its first discount row, each with an id and threshold of its own. */
    private static String withRows(String xml, int rows) {
        Matcher rule = Pattern.compile("      <rule id=\"_bwt_r5\">.*?</rule>\n", Pattern.DOTALL)
                .matcher(xml);
        assertTrue(rule.find(), "the sample model has rule _bwt_r5");
        String template = rule.group();
        StringBuilder copies = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            copies.append(template.replace("_bwt_r5", "_gen_r" + i).replace(">= 2000", ">= " + (100_000 + i)));
        }
        return xml.replace(template, copies + template);
    }
}
