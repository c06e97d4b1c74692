package io.bourse.engine.event;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.book.OrderView;

/** An order as it was at one event: an immutable copy of an {@link OrderView}. */
public record OrderState(long orderId, int symbolId, long userId, Side side, OrderType type, TimeInForce timeInForce,
                         OrderStatus status, StpMode stpMode, String clientOrderId, long price, long stopPrice,
                         long origQty, long executedQty, long cumQuoteQty, long quoteOrderQty, long icebergQty,
                         long preventedQty, long leavesQty, long orderListId, long createdTimeMs, long updatedTimeMs,
                         long workingTimeMs, long visibleQty, boolean isOnBook, String listClientOrderId)
        implements OrderView {

    public OrderState withClientOrderIds(String id, String listId) {
        return new OrderState(orderId, symbolId, userId, side, type, timeInForce, status, stpMode, id, price,
                stopPrice, origQty, executedQty, cumQuoteQty, quoteOrderQty, icebergQty, preventedQty, leavesQty,
                orderListId, createdTimeMs, updatedTimeMs, workingTimeMs, visibleQty, isOnBook, listId);
    }

    public static OrderState of(OrderView o) {
        return new OrderState(o.orderId(), o.symbolId(), o.userId(), o.side(), o.type(), o.timeInForce(), o.status(),
                o.stpMode(), o.clientOrderId(), o.price(), o.stopPrice(), o.origQty(), o.executedQty(),
                o.cumQuoteQty(), o.quoteOrderQty(), o.icebergQty(), o.preventedQty(), o.leavesQty(), o.orderListId(),
                o.createdTimeMs(), o.updatedTimeMs(), o.workingTimeMs(), o.visibleQty(), o.isOnBook(),
                o.listClientOrderId());
    }
}
