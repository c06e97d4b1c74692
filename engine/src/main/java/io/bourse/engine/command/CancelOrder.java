package io.bourse.engine.command;

/**
 * Cancels an open order, found by {@code orderId} or, when that is 0, by {@code origClientOrderId}. With
 * both, the order found by id must also carry that client id. {@code newClientOrderId} is the cancel request's own
 * id (Binance's {@code newClientOrderId} on a cancel): the engine does not use it; it is journaled with the command
 * so that the user-data streams can report it, as Binance does.
 */
public record CancelOrder(int symbolId, long userId, long orderId, String origClientOrderId,
                          String newClientOrderId) implements Command {
    public CancelOrder(int symbolId, long userId, long orderId, String origClientOrderId) {
        this(symbolId, userId, orderId, origClientOrderId, null);
    }

    public static CancelOrder byId(int symbolId, long userId, long orderId) {
        return new CancelOrder(symbolId, userId, orderId, null, null);
    }

    public CancelOrder withNewClientOrderId(String id) {
        return new CancelOrder(symbolId, userId, orderId, origClientOrderId, id);
    }
}
