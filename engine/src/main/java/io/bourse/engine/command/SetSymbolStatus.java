package io.bourse.engine.command;

import io.bourse.engine.SymbolStatus;

/** Opens, halts or breaks trading on a symbol. Open orders stay; only TRADING accepts new ones. */
public record SetSymbolStatus(int symbolId, SymbolStatus status) implements Command {
}
