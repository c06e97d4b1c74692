package io.bourse.engine.command;

import io.bourse.engine.market.SymbolSpec;

/** Lists a symbol; the engine assigns the next symbol id (the spec's id is ignored). */
public record AddSymbol(SymbolSpec spec) implements Command {
}
