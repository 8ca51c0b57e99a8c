package dev.selektor.decision.model;

/** An input or decision with its type, described deeply enough to build a form from it. */
public record TypedName(String name, TypeDescription type) {}
