package dev.selektor.authoring;

import dev.selektor.common.BusinessClock;
import dev.selektor.common.SelektorConfig;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.customer.CustomerFactsParser;
import dev.selektor.customer.SyntheticCustomers;
import dev.selektor.decision.model.CostProbe;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.regression.DecisionTestCase;
import dev.selektor.regression.DecisionTestFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost probe of a draft, before it is stored and again before it is published: each decision for a dozen
 * synthetic customers and the facts of the model's regression cases, on the draft threads, under the budget.
 */
@ApplicationScoped
class DraftProbe {
    private static final int SYNTHETIC = 12;
    private static final long SEED = 26;

    @Inject
    SelektorConfig config;

    @Inject
    DraftWork work;

    @Inject
    RegressionCases cases;

    @Inject
    BusinessClock clock;

    /** @throws DraftRejectedException naming the decision that passed its budget */
    void check(DecisionModel model) {
        if (!config.decision().budget().probe()) {
            return;
        }
        LocalDate runDate = clock.today();
        List<CustomerFacts> customers = customers(model.name(), runDate);
        work.run(() -> CostProbe.check(model, customers, runDate)).ifPresent(problem -> {
            throw new DraftRejectedException(
                    "The draft of " + model.name() + " costs more than an evaluation may; nothing was stored",
                    List.of(problem));
        });
    }

    private List<CustomerFacts> customers(String model, LocalDate runDate) {
        List<CustomerFacts> customers = new ArrayList<>();
        SyntheticCustomers synthetic = new SyntheticCustomers(SEED, runDate);
        for (int i = 0; i < SYNTHETIC; i++) {
            customers.add(synthetic.next(i));
        }
        for (DecisionTestCase c : regressionCases(model)) {
            if (CustomerFactsParser.parse(c.facts(), c.runDate()) instanceof CustomerFactsParser.Result.Valid valid) {
                customers.add(valid.facts());
            }
        }
        return customers;
    }

    /** The model's regression cases; a missing or unreadable file gives none here, as the test run reports it. */
    private List<DecisionTestCase> regressionCases(String model) {
        try {
            return cases.of(model).map(DecisionTestFile.Parsed::cases).orElse(List.of());
        } catch (UncheckedIOException e) {
            return List.of();
        }
    }
}
