package dev.selektor.policy;

import java.time.LocalDate;

/** Where a single decision learns a customer's contact pressure (implemented from the stored selection history). */
public interface ContactPressureSource {

    ContactPressure forCustomer(String customerId, String campaignId, LocalDate runDate);

    /** The pressure when it is known without asking the store; empty when only the store can tell. */
    java.util.Optional<ContactPressure> withoutQuery(String customerId, String campaignId, LocalDate runDate);
}
