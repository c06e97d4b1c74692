package io.bourse.engine.command;

/**
 * Cancels an open order, found by {@code orderId} or, when that is 0, by {@code origClientOrderId}. With
 * both, the order found by id must also carry that client id.
 */
public record CancelOrder(int symbolId, long userId, long orderId, String origClientOrderId) implements Command {
    public static CancelOrder byId(int symbolId, long userId, long orderId) {
        return new CancelOrder(symbolId, userId, orderId, null);
    }
}
