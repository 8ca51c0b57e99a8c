package dev.selektor.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What the service knows about one customer (contract section 1). Always valid: built by {@link CustomerFactsParser}. */
public record CustomerFacts(
        String customerId,
        Segment segment,
        String country,
        Optional<LocalDate> birthDate,
        LocalDate memberSince,
        boolean marketingConsent,
        boolean fraudFlag,
        int orders12m,
        BigDecimal revenue12m,
        BigDecimal returnRate12m,
        Optional<LocalDate> lastOrderDate,
        List<String> categories) {

    public CustomerFacts {
        categories = List.copyOf(categories);
    }
}
