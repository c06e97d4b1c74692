package io.bourse.engine.command;

/** Cancels every open order (and order list) of the user on the symbol, oldest first. */
public record CancelAllOrders(int symbolId, long userId) implements Command {
}
