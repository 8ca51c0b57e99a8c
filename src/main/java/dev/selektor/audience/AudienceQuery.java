package dev.selektor.audience;

import java.time.LocalDate;
import java.util.List;

/**
 * An audience question: how many customers meet every filter on the run date, broken down by some facts, with a
 * few sample ids (contract section 9).
 */
public record AudienceQuery(LocalDate runDate, List<AudienceFilter> filters, List<Breakdown> breakdowns, int samples) {

    public static final int MAX_SAMPLES = 100;

    /** Counts by a keyword fact's values, or revenue in bands. */
    public enum Breakdown {
        SEGMENT("segment"),
        COUNTRY("country"),
        CATEGORIES("categories"),
        REVENUE_BAND("revenueBand");

        private final String name;

        Breakdown(String name) {
            this.name = name;
        }

        public String jsonName() {
            return name;
        }
    }
}
