package io.bourse.engine.book;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;

/**
 * A live order. Quantities are kept in lots (multiples of the symbol's step size) so matching multiplies and
 * never divides; views convert back to base units. Instances are pooled and reused.
 */
final class Order implements OrderView {
    long orderId;
    int symbolId;
    long userId;
    Side side;
    OrderType type;
    TimeInForce timeInForce;
    StpMode stpMode;
    String clientOrderId;
    long price;
    /** {@code price} in ticks (0 for market orders). */
    long priceTicks;
    long stopPrice;
    long quoteOrderQty;
    long orderListId;
    String listClientOrderId;
    long stepSize;

    long origLots;
    long filledLots;
    long preventedLots;
    long icebergLots;
    /** Lots shown on the book: all of the remainder, or the current slice of an iceberg. */
    long visibleLots;
    long cumQuote;
    /** Amount of the asset this order spends (quote for buys, base for sells) still locked for it. */
    long locked;
    /** Quote per lot at the limit price; 0 for market orders. */
    long quotePerLot;

    OrderStatus status;
    long createdTimeMs;
    long updatedTimeMs;
    long workingTimeMs;

    /** A conditional order whose trigger fired (it now works as MARKET or LIMIT, keeping its type). */
    boolean triggered;
    /** The other leg while both legs of an OCO are open. */
    Order ocoPeer;

    PriceLevel level;
    Order prev;
    Order next;

    void reset() {
        clientOrderId = null;
        level = null;
        ocoPeer = null;
        triggered = false;
        prev = null;
        next = null;
        orderListId = -1;
        listClientOrderId = null;
        filledLots = 0;
        preventedLots = 0;
        icebergLots = 0;
        visibleLots = 0;
        cumQuote = 0;
        locked = 0;
        stopPrice = 0;
        quoteOrderQty = 0;
        workingTimeMs = -1;
    }

    long remainingLots() {
        return origLots - filledLots - preventedLots;
    }

    /** Whether this order sizes itself by a quote amount rather than a base quantity. */
    boolean isQuoteSized() {
        return quoteOrderQty != 0;
    }

    /**
     * A buy without a limit price (market, or a fired stop-market): it spends a locked budget, paying each fill's
     * actual cost, rather than a per-lot amount at its limit.
     */
    boolean isBudgetBuy() {
        return side == Side.BUY && quotePerLot == 0;
    }

    /** Asset amount locked per lot while resting: quote at the limit price for buys, base for sells. */
    long lockPerLot() {
        return side == Side.BUY ? quotePerLot : stepSize;
    }

    void updateStatusAfterFill() {
        status = remainingLots() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }

    @Override
    public long orderId() {
        return orderId;
    }

    @Override
    public int symbolId() {
        return symbolId;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public OrderType type() {
        return type;
    }

    @Override
    public TimeInForce timeInForce() {
        return timeInForce;
    }

    @Override
    public OrderStatus status() {
        return status;
    }

    @Override
    public StpMode stpMode() {
        return stpMode;
    }

    @Override
    public String clientOrderId() {
        return clientOrderId;
    }

    @Override
    public long price() {
        return price;
    }

    @Override
    public long stopPrice() {
        return stopPrice;
    }

    @Override
    public long origQty() {
        return origLots * stepSize;
    }

    @Override
    public long executedQty() {
        return filledLots * stepSize;
    }

    @Override
    public long cumQuoteQty() {
        return cumQuote;
    }

    @Override
    public long quoteOrderQty() {
        return quoteOrderQty;
    }

    @Override
    public long icebergQty() {
        return icebergLots * stepSize;
    }

    @Override
    public long preventedQty() {
        return preventedLots * stepSize;
    }

    @Override
    public long leavesQty() {
        return status.isOpen() ? remainingLots() * stepSize : 0;
    }

    @Override
    public long orderListId() {
        return orderListId;
    }

    @Override
    public String listClientOrderId() {
        return listClientOrderId;
    }

    @Override
    public long createdTimeMs() {
        return createdTimeMs;
    }

    @Override
    public long updatedTimeMs() {
        return updatedTimeMs;
    }

    @Override
    public long workingTimeMs() {
        return workingTimeMs;
    }

    @Override
    public long visibleQty() {
        long slice = icebergLots > 0 ? Math.min(icebergLots, remainingLots()) : remainingLots();
        if (level != null) {
            // a maker whose iceberg slice just filled is reported before the matcher shows the next slice
            return (visibleLots > 0 ? visibleLots : slice) * stepSize;
        }
        // an order reported while it is still the taker: what it will show if it stops matching now
        return restsWhenDone() ? slice * stepSize : 0;
    }

    /** Whether whatever is left of this order rests once it stops taking (see MatchingEngine.execute). */
    private boolean restsWhenDone() {
        return status.isOpen() && price != 0 && timeInForce != TimeInForce.IOC && timeInForce != TimeInForce.FOK
                && (triggered || !type.isConditional());
    }

    @Override
    public boolean isOnBook() {
        return level != null;
    }

    @Override
    public String toString() {
        return "Order{" + orderId + ' ' + side + ' ' + type + ' ' + status + " price=" + price + " lots=" + origLots
                + " filled=" + filledLots + " prevented=" + preventedLots + " user=" + userId + '}';
    }
}
