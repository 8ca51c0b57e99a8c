package dev.selektor.policy;

import java.time.LocalDate;

/** Where a single decision learns a customer's contact pressure (implemented from the stored selection history). */
public interface ContactPressureSource {

    ContactPressure forCustomer(String customerId, String campaignId, LocalDate runDate);
}
