package dev.selektor.selection;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * Where an eligible customer stands when a campaign is capped: higher {@code Priority} first; ties (and models
 * without a priority) by the contract's holdout hash, lower first, so that the order does not favour old ids.
 */
public record CapRank(BigDecimal priority, long hash) {
    public static final BigDecimal NO_PRIORITY = BigDecimal.ZERO;

    /** Best first. */
    public static final Comparator<CapRank> BEST_FIRST =
            Comparator.comparing(CapRank::priority).reversed().thenComparing(CapRank::hash, Long::compareUnsigned);
}
