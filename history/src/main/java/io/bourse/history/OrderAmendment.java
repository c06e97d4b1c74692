package io.bourse.history;

import io.bourse.engine.event.OrderState;

/**
 * One amendment of an order ({@code order/amend/keepPriority}): what {@code GET /api/v3/order/amendments} lists.
 * {@code executionId} is the sequence of the amending command.
 */
public record OrderAmendment(int symbolId, long orderId, long userId, long executionId, String origClientOrderId,
                             String newClientOrderId, long origQty, long newQty, long timeMs) {

    /** The amendment that turned {@code before} into {@code after}. */
    public static OrderAmendment of(OrderState before, OrderState after, long executionId, long timeMs) {
        return new OrderAmendment(after.symbolId(), after.orderId(), after.userId(), executionId,
                before.clientOrderId(), after.clientOrderId(), before.origQty(), after.origQty(), timeMs);
    }
}
