package dev.selektor.customer;

public enum Segment {
    NEW,
    REGULAR,
    VIP,
    DORMANT
}
