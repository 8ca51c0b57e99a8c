package dev.selektor.decision.model;

import java.util.ArrayList;
import java.util.List;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;

/**
 * Records which decision-table rows decided, per evaluating thread. The engine's listeners belong to the shared
 * runtime, so the per-call state lives in a thread-local that {@link #start()} resets before each evaluation.
 */
final class MatchedRowsListener implements DMNRuntimeEventListener {

    record Hit(String decision, int row) {}

    static final MatchedRowsListener INSTANCE = new MatchedRowsListener();

    private final ThreadLocal<List<Hit>> hits = ThreadLocal.withInitial(ArrayList::new);

    List<Hit> start() {
        List<Hit> list = hits.get();
        list.clear();
        return list;
    }

    @Override
    public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
        List<Hit> list = hits.get();
        for (Integer row : event.getSelected()) {
            list.add(new Hit(event.getDecisionName() != null ? event.getDecisionName() : event.getNodeName(), row));
        }
    }
}
