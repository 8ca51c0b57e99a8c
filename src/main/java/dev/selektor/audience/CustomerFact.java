package dev.selektor.audience;

import java.util.Arrays;
import java.util.Optional;

/** The contract's customer facts (section 1) as an audience question can filter and break them down. */
public enum CustomerFact {
    CUSTOMER_ID("customerId", Kind.KEYWORD),
    SEGMENT("segment", Kind.KEYWORD),
    COUNTRY("country", Kind.KEYWORD),
    BIRTH_DATE("birthDate", Kind.DATE),
    MEMBER_SINCE("memberSince", Kind.DATE),
    MARKETING_CONSENT("marketingConsent", Kind.BOOLEAN),
    FRAUD_FLAG("fraudFlag", Kind.BOOLEAN),
    ORDERS_12M("orders12m", Kind.NUMBER),
    REVENUE_12M("revenue12m", Kind.NUMBER),
    RETURN_RATE_12M("returnRate12m", Kind.NUMBER),
    LAST_ORDER_DATE("lastOrderDate", Kind.DATE),
    CATEGORIES("categories", Kind.KEYWORD_LIST);

    public enum Kind {
        KEYWORD,
        DATE,
        NUMBER,
        BOOLEAN,
        KEYWORD_LIST
    }

    private final String field;
    private final Kind kind;

    CustomerFact(String field, Kind kind) {
        this.field = field;
        this.kind = kind;
    }

    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<CustomerFact> named(String field) {
        return Arrays.stream(values()).filter(f -> f.field.equals(field)).findFirst();
    }

    static String names() {
        return String.join(
                ", ", Arrays.stream(values()).map(CustomerFact::field).toList());
    }
}
