package io.bourse.engine.book;

import io.bourse.engine.OrderType;
import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.account.AccountRow;
import io.bourse.engine.account.Accounts;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.market.SymbolSpec;

/**
 * The rules a new order must pass before it may touch the book, in the order the engine applies them: shape,
 * filters, account limits, price sanity, then what it must lock. Stateless; reads the market and the account.
 */
final class OrderEntry {
    private OrderEntry() {
    }

    static boolean isStopLoss(OrderType t) {
        return t == OrderType.STOP_LOSS || t == OrderType.STOP_LOSS_LIMIT;
    }

    static boolean isTakeProfit(OrderType t) {
        return t == OrderType.TAKE_PROFIT || t == OrderType.TAKE_PROFIT_LIMIT;
    }

    /** Last-price relations Binance requires: SELL limit/TP &gt; last &gt; stop; BUY limit/TP &lt; last &lt; stop. */
    static RejectReason checkOcoLegs(PlaceOco c, PlaceOrder above, PlaceOrder below) {
        if (c.side() == null || c.aboveType() == null || c.belowType() == null) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        boolean sell = c.side() == Side.SELL;
        boolean aboveOk = sell
                ? above.type() == OrderType.LIMIT_MAKER || isTakeProfit(above.type())
                : isStopLoss(above.type());
        boolean belowOk = sell
                ? isStopLoss(below.type())
                : below.type() == OrderType.LIMIT_MAKER || isTakeProfit(below.type());
        if (!aboveOk || !belowOk) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        long abovePx = above.type().isConditional() ? above.stopPrice() : above.price();
        long belowPx = below.type().isConditional() ? below.stopPrice() : below.price();
        return abovePx > belowPx ? RejectReason.NONE : RejectReason.OCO_BAD_PRICES;
    }

    /** Which fields each order type needs and forbids. The gateway checks these too, with finer error codes. */
    static RejectReason checkShape(Market m, PlaceOrder c) {
        OrderType type = c.type();
        if (type == OrderType.LIMIT && c.side() != null && c.timeInForce() != null && c.price() > 0
                && c.quantity() > 0 && (c.quoteOrderQty() | c.stopPrice() | c.icebergQty()) == 0) {
            return RejectReason.NONE;   // the plain limit order, most of what arrives, in one test
        }
        if (c.side() == null || type == null || c.price() < 0 || c.quantity() < 0 || c.quoteOrderQty() < 0
                || c.stopPrice() < 0 || c.icebergQty() < 0) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        boolean needsTif = type == OrderType.LIMIT || type == OrderType.STOP_LOSS_LIMIT
                || type == OrderType.TAKE_PROFIT_LIMIT;
        boolean ok = (c.timeInForce() != null) == needsTif
                && (c.price() > 0) == type.hasLimitPrice()
                && (c.stopPrice() > 0) == type.isConditional();
        if (type == OrderType.MARKET) {
            ok &= (c.quantity() > 0) != (c.quoteOrderQty() > 0);
        } else {
            ok &= c.quantity() > 0 && c.quoteOrderQty() == 0;
        }
        if (c.icebergQty() > 0) {
            boolean restsAsGtc = type == OrderType.LIMIT_MAKER || c.timeInForce() == TimeInForce.GTC;
            ok &= type.hasLimitPrice() && restsAsGtc && c.icebergQty() < c.quantity();
            if (ok && m.icebergParts == 0) {
                return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
            }
        }
        return ok ? RejectReason.NONE : RejectReason.UNSUPPORTED_ORDER_COMBINATION;
    }

    static RejectReason checkFilters(Market m, OrderRequest q, long nowMs) {
        PlaceOrder c = q.command;
        OrderType type = c.type();
        if (type.hasLimitPrice() && !(q.priceOnTick && inPriceRange(m, c.price()))) {
            return RejectReason.FILTER_PRICE;
        }
        if (type.isConditional() && !(q.stopOnTick && inPriceRange(m, c.stopPrice()))) {
            return RejectReason.FILTER_PRICE;
        }
        if (c.quantity() > 0 && !(q.quantityOnStep && c.quantity() >= m.minQty && c.quantity() <= m.maxQty)) {
            return RejectReason.FILTER_LOT_SIZE;
        }
        boolean marketLike = type.whenTriggered() == OrderType.MARKET;
        if (marketLike && c.quantity() > 0 && !marketLotOk(m, c.quantity())) {
            return RejectReason.FILTER_MARKET_LOT_SIZE;
        }
        if (c.icebergQty() > 0) {
            if (!(q.icebergOnStep && c.icebergQty() >= m.minQty && c.icebergQty() <= m.maxQty)) {
                return RejectReason.FILTER_LOT_SIZE;
            }
            if ((q.lots + q.icebergLots - 1) / q.icebergLots > m.icebergParts) {
                return RejectReason.FILTER_ICEBERG_PARTS;
            }
        }
        RejectReason r = checkNotional(m, q, marketLike, nowMs);
        if (r != RejectReason.NONE) {
            return r;
        }
        SymbolSpec.PercentPriceBySide pp = m.percentPrice;
        if (pp != null && type.hasLimitPrice()) {
            long avg = m.averagePrice.quotePerLot(nowMs, pp.avgPriceMins());
            if (avg > 0) {
                boolean buy = c.side() == Side.BUY;
                long up = SaturatingMath.multiplyRate(avg, buy ? pp.bidMultiplierUp() : pp.askMultiplierUp());
                long down = SaturatingMath.multiplyRate(avg, buy ? pp.bidMultiplierDown() : pp.askMultiplierDown());
                if (q.priceQuotePerLot > up || q.priceQuotePerLot < down) {
                    return RejectReason.FILTER_PERCENT_PRICE_BY_SIDE;
                }
            }
        }
        return RejectReason.NONE;
    }

    private static RejectReason checkNotional(Market m, OrderRequest q, boolean marketLike, long nowMs) {
        PlaceOrder c = q.command;
        long notional;
        if (!marketLike) {
            notional = SaturatingMath.multiply(q.lots, q.priceQuotePerLot);
        } else if (c.quoteOrderQty() > 0) {
            notional = c.quoteOrderQty();
        } else if (c.type() != OrderType.MARKET) {
            notional = SaturatingMath.multiply(q.lots, q.stopQuotePerLot);
        } else {
            long avg = m.averagePrice.quotePerLot(nowMs, m.notionalAvgPriceMins);
            if (avg == 0) {
                return RejectReason.NONE;
            }
            notional = SaturatingMath.multiply(q.lots, avg);
        }
        boolean checkMin = !marketLike || m.minNotionalAppliesToMarket;
        boolean checkMax = !marketLike || m.maxNotionalAppliesToMarket;
        boolean tooSmall = checkMin && notional < m.minNotional;
        boolean tooLarge = checkMax && m.maxNotional > 0 && notional > m.maxNotional;
        if (tooSmall || tooLarge) {
            return RejectReason.FILTER_NOTIONAL;
        }
        return RejectReason.NONE;
    }

    private static boolean inPriceRange(Market m, long price) {
        return price >= m.minPrice && price <= m.maxPrice;
    }

    /** MARKET_LOT_SIZE. */
    private static boolean marketLotOk(Market m, long qty) {
        return qty >= m.marketMinQty && qty <= m.marketMaxQty
                && (m.marketStepSize == 0 || qty % m.marketStepSize == 0);
    }

    /** MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS and client id uniqueness for the user whose row is {@code row}. */
    static RejectReason checkAccountLimits(Market m, Accounts accounts, long userId, long[] row, OrderType type,
                                           String clientOrderId, int newOrders) {
        if (m.maxNumOrders > 0 && AccountRow.openOrders(row, m.symbolId) + newOrders > m.maxNumOrders) {
            return RejectReason.FILTER_MAX_NUM_ORDERS;
        }
        if (type.isConditional() && m.maxNumAlgoOrders > 0
                && AccountRow.openAlgoOrders(row, m.symbolId) + 1 > m.maxNumAlgoOrders) {
            return RejectReason.FILTER_MAX_NUM_ALGO_ORDERS;
        }
        if (clientOrderId != null && accounts.orderIdForClientId(userId, m.symbolId, clientOrderId) >= 0) {
            return RejectReason.DUPLICATE_ORDER;
        }
        return RejectReason.NONE;
    }

    /** LIMIT_MAKER must not cross; a conditional order must not already be triggered. */
    static RejectReason checkPriceSanity(Market m, Side side, OrderType type, long price, long stopPrice) {
        if (type == OrderType.LIMIT_MAKER && crossesBest(m, side, price)) {
            return RejectReason.WOULD_MATCH_IMMEDIATELY;
        }
        if (type.isConditional() && m.lastPrice != 0
                && m.stopsFor(side, isStopLoss(type)).wouldFire(stopPrice, m.lastPrice)) {
            return RejectReason.WOULD_TRIGGER_IMMEDIATELY;
        }
        return RejectReason.NONE;
    }

    static boolean crossesBest(Market m, Side side, long price) {
        PriceLevel best = m.opposite(side).best();
        return best != null && (side == Side.BUY ? best.price <= price : best.price >= price);
    }

    /**
     * What an order must lock: quote at its limit price for a limit buy, its base quantity for a sell, the
     * quote amount for a market buy by quote, and for market orders whose cost depends on the book (buy by
     * quantity, sell by quote) what walking the book now says. Saturates at Long.MAX_VALUE (then no balance
     * suffices).
     */
    static long lockNeeded(Market m, OrderRequest q) {
        PlaceOrder c = q.command;
        if (c.side() == Side.SELL) {
            return c.quoteOrderQty() > 0 ? baseForQuote(m, c.quoteOrderQty()) : c.quantity();
        }
        if (c.type().hasLimitPrice()) {
            return SaturatingMath.multiply(q.lots, q.priceQuotePerLot);
        }
        if (c.quoteOrderQty() > 0) {
            return c.quoteOrderQty();
        }
        if (c.type().isConditional()) {
            return SaturatingMath.multiply(q.lots, q.stopQuotePerLot);
        }
        return costToBuy(m, q.lots);
    }

    /** Quote needed to buy {@code lots} from the asks now (or as much as they hold). */
    static long costToBuy(Market m, long lots) {
        long cost = 0;
        for (PriceLevel level = m.asks.best(); level != null && lots > 0; level = m.asks.nextWorse(level)) {
            for (Order o = level.head; o != null && lots > 0; o = o.next) {
                long take = Math.min(lots, o.remainingLots());
                cost = SaturatingMath.add(cost, SaturatingMath.multiply(take, level.quotePerLot));
                lots -= take;
            }
        }
        return cost;
    }

    /** Base needed to receive {@code quote} from the bids now, stopping at the first order it cannot take whole. */
    private static long baseForQuote(Market m, long quote) {
        long lotsNeeded = 0;
        for (PriceLevel level = m.bids.best(); level != null; level = m.bids.nextWorse(level)) {
            for (Order o = level.head; o != null; o = o.next) {
                long take = Math.min(quote / level.quotePerLot, o.remainingLots());
                lotsNeeded += take;
                quote -= take * level.quotePerLot;
                if (take < o.remainingLots()) {
                    return lotsNeeded * m.stepSize;
                }
            }
        }
        return lotsNeeded * m.stepSize;
    }
}
