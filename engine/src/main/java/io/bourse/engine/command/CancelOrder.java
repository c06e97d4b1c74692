package io.bourse.engine.command;

import io.bourse.engine.CancelRestriction;

/**
 * Cancels an open order, found by {@code orderId} or, when that is 0, by {@code origClientOrderId}. With
 * both, the order found by id must also carry that client id. {@code newClientOrderId} is the cancel request's own
 * id (Binance's {@code newClientOrderId} on a cancel): the engine does not use it; it is journaled with the command
 * so that the user-data streams can report it, as Binance does. {@code restriction} limits which orders it cancels
 * by their status (Binance's {@code cancelRestrictions}; null means none).
 */
public record CancelOrder(int symbolId, long userId, long orderId, String origClientOrderId,
                          String newClientOrderId, CancelRestriction restriction) implements Command {
    public CancelOrder {
        if (restriction == null) {
            restriction = CancelRestriction.NONE;
        }
    }

    public CancelOrder(int symbolId, long userId, long orderId, String origClientOrderId, String newClientOrderId) {
        this(symbolId, userId, orderId, origClientOrderId, newClientOrderId, CancelRestriction.NONE);
    }

    public CancelOrder(int symbolId, long userId, long orderId, String origClientOrderId) {
        this(symbolId, userId, orderId, origClientOrderId, null, CancelRestriction.NONE);
    }

    public static CancelOrder byId(int symbolId, long userId, long orderId) {
        return new CancelOrder(symbolId, userId, orderId, null, null, CancelRestriction.NONE);
    }

    public CancelOrder withNewClientOrderId(String id) {
        return new CancelOrder(symbolId, userId, orderId, origClientOrderId, id, restriction);
    }

    public CancelOrder withRestriction(CancelRestriction r) {
        return new CancelOrder(symbolId, userId, orderId, origClientOrderId, newClientOrderId, r);
    }
}
