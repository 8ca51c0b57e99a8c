package dev.selektor.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Realistic made-up customers for demos, tests and benchmarks: the same seed gives the same customers. The mix
 * follows a marketplace's: a long tail of revenue, most customers regular, about 8 % without marketing consent,
 * under 1 % flagged for fraud, a few who never ordered.
 */
public final class SyntheticCustomers {
    private static final String[] CATEGORIES = {
        "fashion", "electronics", "home", "toys", "beauty", "sports", "books", "garden"
    };
    private static final String[] COUNTRIES = {"DE", "DE", "DE", "DE", "AT", "CH", "NL", "FR", "PL", "IT"};

    private final SplittableRandom random;
    private final LocalDate today;

    public SyntheticCustomers(long seed, LocalDate today) {
        this.random = new SplittableRandom(seed);
        this.today = today;
    }

    /** The customer with this sequence number; ids are {@code C-} and nine digits. */
    public CustomerFacts next(long sequence) {
        Segment segment = segment();
        LocalDate memberSince = segment == Segment.NEW
                ? today.minusDays(random.nextInt(0, 180))
                : today.minusDays(random.nextInt(180, 16 * 365));
        Optional<LocalDate> lastOrder = lastOrder(segment, memberSince);
        int orders = lastOrder.isEmpty() ? 0 : orders(segment, lastOrder.get());
        BigDecimal revenue = orders == 0 ? BigDecimal.ZERO : revenue(segment, orders);
        BigDecimal returnRate = orders == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(Math.min(1.0, Math.abs(random.nextGaussian()) * 0.12))
                        .setScale(2, RoundingMode.HALF_UP);
        Optional<LocalDate> birthDate = random.nextInt(100) < 85
                ? Optional.of(today.minusYears(random.nextInt(18, 80)).minusDays(random.nextInt(0, 365)))
                : Optional.empty();
        return new CustomerFacts(
                String.format("C-%09d", sequence),
                segment,
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                birthDate,
                memberSince,
                random.nextInt(100) >= 8,
                random.nextInt(1000) < 7,
                orders,
                revenue,
                returnRate,
                lastOrder,
                categories(orders));
    }

    private Segment segment() {
        int roll = random.nextInt(100);
        if (roll < 15) {
            return Segment.NEW;
        }
        if (roll < 70) {
            return Segment.REGULAR;
        }
        if (roll < 78) {
            return Segment.VIP;
        }
        return Segment.DORMANT;
    }

    private Optional<LocalDate> lastOrder(Segment segment, LocalDate memberSince) {
        long tenure = Math.max(1, memberSince.until(today).toTotalMonths() * 30);
        if (segment == Segment.NEW && random.nextInt(100) < 40) {
            return Optional.empty();
        }
        if (segment != Segment.NEW && random.nextInt(100) < 3) {
            return Optional.empty();
        }
        long maxDaysAgo = switch (segment) {
            case NEW, VIP -> Math.min(tenure, 90);
            case REGULAR -> Math.min(tenure, 365);
            case DORMANT -> Math.min(tenure, 3 * 365);
        };
        long minDaysAgo = segment == Segment.DORMANT ? Math.min(maxDaysAgo, 150) : 0;
        return Optional.of(today.minusDays(minDaysAgo + random.nextLong(0, Math.max(1, maxDaysAgo - minDaysAgo + 1))));
    }

    private int orders(Segment segment, LocalDate lastOrder) {
        if (lastOrder.isBefore(today.minusYears(1))) {
            return 0;
        }
        return switch (segment) {
            case NEW -> 1 + random.nextInt(3);
            case REGULAR -> 1 + (int) Math.min(40, Math.abs(random.nextGaussian()) * 8);
            case VIP -> 8 + (int) Math.min(60, Math.abs(random.nextGaussian()) * 20);
            case DORMANT -> random.nextInt(2);
        };
    }

    /** Log-normal basket values: most customers spend little, a few very much. */
    private BigDecimal revenue(Segment segment, int orders) {
        double basket = Math.exp(random.nextGaussian() * 0.8 + (segment == Segment.VIP ? 4.8 : 3.9));
        return BigDecimal.valueOf(Math.min(50_000, basket * orders)).setScale(2, RoundingMode.HALF_UP);
    }

    private List<String> categories(int orders) {
        List<String> chosen = new ArrayList<>();
        int count = orders == 0 ? random.nextInt(2) : 1 + random.nextInt(Math.min(4, 1 + orders));
        for (int i = 0; i < count; i++) {
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            if (!chosen.contains(category)) {
                chosen.add(category);
            }
        }
        return chosen;
    }

    /** One customer as an NDJSON line (no trailing newline), in the contract's field order. */
    public static String toJson(CustomerFacts f) {
        StringBuilder json = new StringBuilder(320);
        json.append("{\"customerId\":\"")
                .append(f.customerId())
                .append("\",\"segment\":\"")
                .append(f.segment().name())
                .append("\",\"country\":\"")
                .append(f.country())
                .append('"');
        f.birthDate().ifPresent(d -> json.append(",\"birthDate\":\"").append(d).append('"'));
        json.append(",\"memberSince\":\"")
                .append(f.memberSince())
                .append("\",\"marketingConsent\":")
                .append(f.marketingConsent())
                .append(",\"fraudFlag\":")
                .append(f.fraudFlag())
                .append(",\"orders12m\":")
                .append(f.orders12m())
                .append(",\"revenue12m\":")
                .append(f.revenue12m().toPlainString())
                .append(",\"returnRate12m\":")
                .append(f.returnRate12m().toPlainString())
                .append(",\"lastOrderDate\":")
                .append(f.lastOrderDate().map(d -> "\"" + d + "\"").orElse("null"))
                .append(",\"categories\":[");
        for (int i = 0; i < f.categories().size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(f.categories().get(i)).append('"');
        }
        return json.append("]}").toString();
    }
}
