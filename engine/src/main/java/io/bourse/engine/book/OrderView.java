package io.bourse.engine.book;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;

/**
 * Read-only view of an order, handed to listeners.
 *
 * <p><b>Note:</b> the engine reuses order objects. A view is valid only during the callback that received it;
 * copy what you need to keep.
 */
public interface OrderView {
    long orderId();

    int symbolId();

    long userId();

    Side side();

    OrderType type();

    TimeInForce timeInForce();

    OrderStatus status();

    StpMode stpMode();

    /** Client order id given at placement, or null. */
    String clientOrderId();

    /** Limit price; 0 for market orders. */
    long price();

    /** Trigger price of stop / take-profit orders, else 0. */
    long stopPrice();

    /** Quantity ordered (for orders sized by quoteOrderQty: what they executed, once done). */
    long origQty();

    long executedQty();

    /** Quote amount spent or received so far. */
    long cumQuoteQty();

    /** Quote amount ordered, for market orders sized that way; else 0. */
    long quoteOrderQty();

    /** Visible part of an iceberg order, else 0. */
    long icebergQty();

    /** Quantity removed by self-trade prevention (DECREMENT). */
    long preventedQty();

    /** Quantity still able to trade. */
    long leavesQty();

    /** Order list (OCO) this order belongs to, or -1. */
    long orderListId();

    /** The client's id of that list, or null. */
    String listClientOrderId();

    long createdTimeMs();

    long updatedTimeMs();

    /** Time the order started working (rested or traded); -1 while a conditional order waits for its trigger. */
    long workingTimeMs();

    /**
     * Quantity this order shows on the book once the current step is done: all of the remainder, or an iceberg's
     * current slice (its next slice as soon as the last one filled); 0 off the book. Depth is the sum of these.
     */
    long visibleQty();

    /** Whether the order rests on the book now. */
    boolean isOnBook();
}
