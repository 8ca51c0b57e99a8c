package dev.selektor.bench;

import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.Segment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic customers for the decision benchmark. The mix is meant to look like a marketplace's
 * customer base rather than uniform noise, because the campaign tables stop at different rows for different
 * customers and a uniform mix would mostly exercise the first row of each table. The same seed always gives the
 * same customers, so two runs (or two machines) benchmark the same work. Deliberately separate from
 * {@link dev.selektor.customer.SyntheticCustomers} (the demo data of bin/run): changing the demo mix must not
 * silently change what published benchmark figures mean.
 */
public final class BenchCustomers {
    static final List<String> CATEGORIES =
            List.of("fashion", "electronics", "home", "toys", "beauty", "sports", "books");
    /** Share of customers who ever bought in each category of {@link #CATEGORIES}. */
    private static final double[] CATEGORY_SHARE = {0.45, 0.35, 0.30, 0.12, 0.25, 0.20, 0.15};
    /** Mostly German, like the marketplace; repeated entries weight the draw. */
    private static final String[] COUNTRIES = {
        "DE", "DE", "DE", "DE", "DE", "DE", "AT", "AT", "CH", "NL", "FR", "PL", "IT", "BE", "DK", "CZ"
    };

    private static final LocalDate FIRST_MEMBER_DAY = LocalDate.of(2010, 1, 1);
    /** "Within the last 3 years": the win-back model's oldest band ends at 1,095 days. */
    private static final int MAX_DAYS_SINCE_ORDER = 1095;

    private static final int MAX_ORDERS = 40;
    private static final long MAX_REVENUE_CENTS = 20_000_00;

    private final SplittableRandom random;
    private final LocalDate runDate;

    private BenchCustomers(long seed, LocalDate runDate) {
        this.random = new SplittableRandom(seed);
        this.runDate = runDate;
    }

    /** {@code count} customers whose dates never lie after {@code runDate}. */
    public static CustomerFacts[] generate(int count, long seed, LocalDate runDate) {
        BenchCustomers generator = new BenchCustomers(seed, runDate);
        CustomerFacts[] customers = new CustomerFacts[count];
        for (int i = 0; i < count; i++) {
            customers[i] = generator.next(i);
        }
        return customers;
    }

    private CustomerFacts next(int index) {
        Segment segment = segment();
        LocalDate memberSince = memberSince(segment);
        Optional<LocalDate> lastOrder = lastOrderDate(segment, memberSince);
        int orders = orders12m(segment, lastOrder);
        BigDecimal revenue = revenue12m(segment, orders);
        BigDecimal returnRate = returnRate12m(orders);
        return new CustomerFacts(
                String.format("C-%07d", index),
                segment,
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                birthDate(),
                memberSince,
                random.nextDouble() >= 0.08,
                random.nextDouble() < 0.005,
                orders,
                revenue,
                returnRate,
                lastOrder,
                categories(lastOrder.isPresent()));
    }

    /** NEW 20 %, REGULAR 55 %, VIP 8 %, DORMANT 17 %. */
    private Segment segment() {
        double u = random.nextDouble();
        if (u < 0.20) {
            return Segment.NEW;
        }
        if (u < 0.75) {
            return Segment.REGULAR;
        }
        return u < 0.83 ? Segment.VIP : Segment.DORMANT;
    }

    /** NEW customers joined in the last year; everybody else between 2010 and a year ago. */
    private LocalDate memberSince(Segment segment) {
        if (segment == Segment.NEW) {
            return runDate.minusDays(random.nextInt(365));
        }
        LocalDate latest = runDate.minusDays(366);
        return FIRST_MEMBER_DAY.plusDays(random.nextLong(ChronoUnit.DAYS.between(FIRST_MEMBER_DAY, latest) + 1));
    }

    /** 7 % did not give a birth date; the others are 18 to 80 years old. */
    private Optional<LocalDate> birthDate() {
        if (random.nextDouble() < 0.07) {
            return Optional.empty();
        }
        return Optional.of(runDate.minusYears(18).minusDays(random.nextInt(62 * 365)));
    }

    /**
     * About 5 % never ordered (mostly NEW customers). Otherwise the days since the last order follow the
     * segment: VIPs order often, DORMANT customers have been away 180 days or more. Never before joining.
     */
    private Optional<LocalDate> lastOrderDate(Segment segment, LocalDate memberSince) {
        double neverOrdered = segment == Segment.NEW ? 0.20 : 0.0125;
        if (random.nextDouble() < neverOrdered) {
            return Optional.empty();
        }
        long daysAgo = switch (segment) {
            case NEW -> random.nextLong(ChronoUnit.DAYS.between(memberSince, runDate) + 1);
            case REGULAR -> Math.round(random.nextExponential() * 60);
            case VIP -> Math.round(random.nextExponential() * 25);
            case DORMANT -> 180 + random.nextInt(MAX_DAYS_SINCE_ORDER - 180 + 1);
        };
        LocalDate date = runDate.minusDays(Math.min(daysAgo, MAX_DAYS_SINCE_ORDER));
        return Optional.of(date.isBefore(memberSince) ? memberSince : date);
    }

    /** Skewed towards few orders: an exponential count per segment, none if the last order is over a year old. */
    private int orders12m(Segment segment, Optional<LocalDate> lastOrder) {
        if (lastOrder.isEmpty() || lastOrder.get().isBefore(runDate.minusDays(365))) {
            return 0;
        }
        double extra = switch (segment) {
            case NEW, DORMANT -> random.nextExponential() * 1.5;
            case REGULAR -> random.nextExponential() * 5;
            case VIP -> 3 + random.nextExponential() * 12;
        };
        return (int) Math.min(MAX_ORDERS, 1 + Math.floor(extra));
    }

    /** Orders times a log-normal basket (median 55 EUR, 120 EUR for VIPs): a long tail, capped at 20,000 EUR. */
    private BigDecimal revenue12m(Segment segment, int orders) {
        if (orders == 0) {
            return BigDecimal.valueOf(0, 2);
        }
        double medianBasket = segment == Segment.VIP ? 120 : 55;
        double basket = medianBasket * Math.exp(0.7 * random.nextGaussian());
        long cents = Math.min(MAX_REVENUE_CENTS, Math.round(orders * basket * 100));
        return BigDecimal.valueOf(cents, 2);
    }

    /** Log-normal around 8 %, so roughly one in twenty buyers sends back 35 % or more; 0 without orders. */
    private BigDecimal returnRate12m(int orders) {
        if (orders == 0) {
            return BigDecimal.valueOf(0, 2);
        }
        double rate = Math.min(1.0, 0.08 * Math.exp(0.9 * random.nextGaussian()));
        return BigDecimal.valueOf(Math.round(rate * 100), 2);
    }

    /** The categories ever bought; at least one for anybody who ordered, none for who never did. */
    private List<String> categories(boolean everOrdered) {
        if (!everOrdered) {
            return List.of();
        }
        List<String> bought = new ArrayList<>(3);
        for (int i = 0; i < CATEGORIES.size(); i++) {
            if (random.nextDouble() < CATEGORY_SHARE[i]) {
                bought.add(CATEGORIES.get(i));
            }
        }
        if (bought.isEmpty()) {
            bought.add(CATEGORIES.get(random.nextInt(CATEGORIES.size())));
        }
        return bought;
    }
}
