package dev.selektor.customer;

/** Fired (synchronously) when a customer is erased, so that every feature forgets what it holds about them. */
public record CustomerErased(String customerId) {}
