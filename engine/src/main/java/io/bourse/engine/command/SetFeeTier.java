package io.bourse.engine.command;

/** Defines (or redefines) a fee tier's maker and taker rates, as {@link io.bourse.engine.market.Rates}. */
public record SetFeeTier(int tier, long makerRate, long takerRate) implements Command {
}
