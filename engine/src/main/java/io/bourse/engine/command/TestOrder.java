package io.bourse.engine.command;

/**
 * Checks a new order as placing it would (the symbol trading, the order's shape, the symbol's filters) and changes
 * nothing: Binance's {@code order/test}. Balances, open-order limits and the book are not consulted, as there.
 */
public record TestOrder(PlaceOrder order) implements Command {
}
