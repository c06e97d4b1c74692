package io.bourse.engine.command;

/**
 * Reduces an open order's quantity keeping its place in the queue, as Binance's
 * {@code order/amend/keepPriority}. The order is found by {@code orderId} or, when that is 0, by
 * {@code origClientOrderId}. {@code newQuantity} is the new total (original) quantity: below the current one
 * and above what already executed. {@code newClientOrderId}, when not null, is the order's client id from now on
 * (Binance gives an amended order a new one; the gateway makes one up when the client sends none).
 */
public record AmendOrder(int symbolId, long userId, long orderId, String origClientOrderId, long newQuantity,
                         String newClientOrderId) implements Command {
    public static AmendOrder byId(int symbolId, long userId, long orderId, long newQuantity) {
        return new AmendOrder(symbolId, userId, orderId, null, newQuantity, null);
    }

    public AmendOrder withNewClientOrderId(String id) {
        return new AmendOrder(symbolId, userId, orderId, origClientOrderId, newQuantity, id);
    }
}
