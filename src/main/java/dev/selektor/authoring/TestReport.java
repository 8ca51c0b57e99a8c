package dev.selektor.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The regression cases of a model run against a draft: each case passed or failed, with expected and actual.
 *
 * @param stopped why the run stopped before its last case (an evaluation past its budget); absent when it ran through
 */
public record TestReport(
        Instant ranAt,
        int passed,
        int failed,
        List<CaseOutcome> cases,
        @JsonInclude(JsonInclude.Include.NON_NULL) String stopped) {

    public record CaseOutcome(String name, int line, boolean passed, String expected, String actual, String report) {}

    public TestReport(Instant ranAt, int passed, int failed, List<CaseOutcome> cases) {
        this(ranAt, passed, failed, cases, null);
    }

    public boolean allPassed() {
        return failed == 0 && passed > 0 && stopped == null;
    }
}
