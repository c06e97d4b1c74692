package io.bourse.engine.command;

/**
 * Moves a resting limit order to a new price with its remaining quantity and order id, losing time priority;
 * if the new price crosses, it trades as a taker first. A Bourse extension (the benchmark's MOVE, and what
 * market makers do most); Binance clients get the same effect with cancelReplace.
 */
public record MoveOrder(int symbolId, long userId, long orderId, long newPrice) implements Command {
}
