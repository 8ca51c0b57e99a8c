package dev.selektor.decision.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Fixtures shared by the decision tests. */
public final class TestModels {
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestModels() {}

    public static String fixtureXml() {
        try {
            return Files.readString(Path.of("src/test/resources/models/test-campaign.dmn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    public static CustomerFacts facts(String json) {
        try {
            var parsed = CustomerFactsParser.parse(JSON.readTree(json), TODAY);
            if (parsed instanceof CustomerFactsParser.Result.Valid valid) {
                return valid.facts();
            }
            throw new IllegalArgumentException("invalid fixture facts: " + parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid customer; {@code overrides} is a JSON fragment of fields to replace, e.g. {@code "segment": "VIP"}. */
    public static CustomerFacts customer(String overrides) {
        try {
            var base = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree("""
                    {"customerId": "C-000123", "segment": "REGULAR", "country": "DE", "birthDate": "1988-02-14",
                     "memberSince": "2019-03-01", "marketingConsent": true, "fraudFlag": false, "orders12m": 7,
                     "revenue12m": 845.50, "returnRate12m": 0.12, "lastOrderDate": "2026-10-30",
                     "categories": ["fashion", "electronics"]}
                    """);
            if (!overrides.isBlank()) {
                base.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree("{" + overrides + "}"));
            }
            return facts(base.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
