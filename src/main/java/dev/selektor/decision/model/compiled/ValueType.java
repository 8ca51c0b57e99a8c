package dev.selektor.decision.model.compiled;

/** The FEEL type of a compiled table column; cells are checked against it when the table is compiled. */
enum ValueType {
    NUMBER,
    STRING,
    BOOLEAN,
    DATE
}
