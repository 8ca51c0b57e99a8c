package dev.selektor.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selektor.common.BusinessClock;
import dev.selektor.common.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fact updates that arrive as messages (a queue or a topic), one customer's facts per message: each is validated
 * as the REST API validates, the valid ones of a batch are upserted together, and each message's fate is reported
 * on its own, so that the adapter acknowledges exactly the messages whose write succeeded.
 */
@ApplicationScoped
public class CustomerFactUpdates {
    private static final Logger LOG = Logger.getLogger(CustomerFactUpdates.class);

    @Inject
    CustomerFactsRepository customers;

    @Inject
    BusinessClock clock;

    @Inject
    ObjectMapper json;

    /** One message: the adapter's id for it and its body, the customer's facts as JSON (contract section 1). */
    public record Update(String messageId, String body) {}

    /** What became of one message. */
    public sealed interface Handled {
        String messageId();

        /** Stored: acknowledge it. */
        record Stored(String messageId, String customerId) implements Handled {}

        /** It can never be stored as it is: send it to the dead letters with the reason, then acknowledge it. */
        record Poison(String messageId, String reason) implements Handled {}

        /** The store failed: do not acknowledge it, so that it comes again (and reaches the dead letters after N tries). */
        record Retry(String messageId, String reason) implements Handled {}
    }

    /** @param updates at most {@link CustomerFactsRepository#MAX_BATCH} */
    public List<Handled> apply(List<Update> updates) {
        LocalDate today = clock.today();
        List<Handled> handled = new ArrayList<>(updates.size());
        // Two updates of one customer in a batch: the later one wins, as it would one after the other.
        Map<String, CustomerFacts> valid = new LinkedHashMap<>();
        Map<String, List<String>> messagesOf = new LinkedHashMap<>();
        for (Update update : updates) {
            CustomerFactsParser.Result parsed;
            try {
                parsed = CustomerFactsParser.parse(json.readTree(update.body()), today);
            } catch (JsonProcessingException e) {
                handled.add(new Handled.Poison(update.messageId(), "not JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (parsed instanceof CustomerFactsParser.Result.Invalid invalid) {
                handled.add(new Handled.Poison(update.messageId(), describe(invalid.errors())));
            } else if (parsed instanceof CustomerFactsParser.Result.Valid ok) {
                valid.put(ok.facts().customerId(), ok.facts());
                messagesOf
                        .computeIfAbsent(ok.facts().customerId(), id -> new ArrayList<>())
                        .add(update.messageId());
            }
        }
        if (valid.isEmpty()) {
            return handled;
        }
        try {
            customers.saveAll(valid.values());
            messagesOf.forEach((customerId, ids) -> ids.forEach(id -> handled.add(new Handled.Stored(id, customerId))));
        } catch (RuntimeException e) {
            LOG.warnf("Storing %d fact updates failed, they will come again: %s", valid.size(), e.getMessage());
            messagesOf
                    .values()
                    .forEach(ids ->
                            ids.forEach(id -> handled.add(new Handled.Retry(id, String.valueOf(e.getMessage())))));
        }
        return handled;
    }

    static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
