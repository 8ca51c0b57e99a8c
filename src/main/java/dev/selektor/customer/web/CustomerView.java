package dev.selektor.customer.web;

import dev.selektor.customer.CustomerFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Customer facts as JSON (contract section 1). */
public record CustomerView(
        String customerId,
        String segment,
        String country,
        LocalDate birthDate,
        LocalDate memberSince,
        boolean marketingConsent,
        boolean fraudFlag,
        int orders12m,
        BigDecimal revenue12m,
        BigDecimal returnRate12m,
        LocalDate lastOrderDate,
        List<String> categories) {

    public static CustomerView of(CustomerFacts f) {
        return new CustomerView(
                f.customerId(),
                f.segment().name(),
                f.country(),
                f.birthDate().orElse(null),
                f.memberSince(),
                f.marketingConsent(),
                f.fraudFlag(),
                f.orders12m(),
                f.revenue12m(),
                f.returnRate12m(),
                f.lastOrderDate().orElse(null),
                f.categories());
    }
}
