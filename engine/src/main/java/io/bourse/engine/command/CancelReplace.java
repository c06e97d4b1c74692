package io.bourse.engine.command;

/**
 * Cancels an order and places a new one in one step, as Binance's {@code order/cancelReplace}. With
 * {@code allowFailure} false (STOP_ON_FAILURE) the new order is placed only if the cancel succeeded.
 */
public record CancelReplace(CancelOrder cancel, PlaceOrder newOrder, boolean allowFailure) implements Command {
}
