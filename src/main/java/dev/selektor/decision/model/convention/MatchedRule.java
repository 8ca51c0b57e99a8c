package dev.selektor.decision.model.convention;

/** A decision-table row that decided, with the annotation its author wrote for it. */
public record MatchedRule(String decision, int row, String annotation) {}
