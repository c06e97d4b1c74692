package io.bourse.engine.command;

/**
 * Reduces an open order's quantity keeping its place in the queue, as Binance's
 * {@code order/amend/keepPriority}. {@code newQuantity} is the new total (original) quantity: below the current
 * one and above what already executed.
 */
public record AmendOrder(int symbolId, long userId, long orderId, long newQuantity) implements Command {
}
