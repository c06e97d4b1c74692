package io.bourse.engine;

/** Trading status of a symbol. Only TRADING accepts new orders; cancels work in every status. */
public enum SymbolStatus {
    TRADING, HALT, BREAK
}
