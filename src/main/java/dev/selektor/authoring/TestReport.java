package dev.selektor.authoring;

import java.time.Instant;
import java.util.List;

/** The regression cases of a model run against a draft: each case passed or failed, with expected and actual. */
public record TestReport(Instant ranAt, int passed, int failed, List<CaseOutcome> cases) {

    public record CaseOutcome(String name, int line, boolean passed, String expected, String actual, String report) {}

    public boolean allPassed() {
        return failed == 0 && passed > 0;
    }
}
