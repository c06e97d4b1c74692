package io.bourse.engine.command;

import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;

/**
 * Places an order, as Binance's {@code POST /api/v3/order}. Fields a type does not use are 0 / null.
 *
 * @param timeInForce   GTC / IOC / FOK for limit types; null for MARKET and LIMIT_MAKER
 * @param quantity      base quantity; 0 for market orders sized by {@code quoteOrderQty}
 * @param quoteOrderQty quote amount of a MARKET order sized that way, else 0
 * @param stopPrice     trigger price of stop / take-profit types, else 0
 * @param icebergQty    visible part of an iceberg order, else 0
 * @param stpMode       self-trade prevention mode, or null for the symbol's default
 * @param clientOrderId unique among the user's open orders on the symbol, or null
 */
public record PlaceOrder(int symbolId, long userId, Side side, OrderType type, TimeInForce timeInForce,
                         long price, long quantity, long quoteOrderQty, long stopPrice, long icebergQty,
                         StpMode stpMode, String clientOrderId) implements Command {

    public static PlaceOrder limit(int symbolId, long userId, Side side, long price, long quantity,
                                   TimeInForce tif) {
        return new PlaceOrder(symbolId, userId, side, OrderType.LIMIT, tif, price, quantity, 0, 0, 0, null, null);
    }

    public static PlaceOrder market(int symbolId, long userId, Side side, long quantity) {
        return new PlaceOrder(symbolId, userId, side, OrderType.MARKET, null, 0, quantity, 0, 0, 0, null, null);
    }

    public static PlaceOrder marketQuote(int symbolId, long userId, Side side, long quoteOrderQty) {
        return new PlaceOrder(symbolId, userId, side, OrderType.MARKET, null, 0, 0, quoteOrderQty, 0, 0, null,
                null);
    }

    public PlaceOrder withStp(StpMode mode) {
        return new PlaceOrder(symbolId, userId, side, type, timeInForce, price, quantity, quoteOrderQty, stopPrice,
                icebergQty, mode, clientOrderId);
    }

    public PlaceOrder withClientOrderId(String id) {
        return new PlaceOrder(symbolId, userId, side, type, timeInForce, price, quantity, quoteOrderQty, stopPrice,
                icebergQty, stpMode, id);
    }
}
