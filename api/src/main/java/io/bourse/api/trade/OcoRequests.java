package io.bourse.api.trade;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.Params;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.market.SymbolSpec;

/**
 * Reads OCO requests: {@code POST /api/v3/orderList/oco} (the {@code above…} and {@code below…} legs) and the
 * deprecated {@code POST /api/v3/order/oco} (a limit leg and a stop leg) that older clients still send.
 */
final class OcoRequests {
    private OcoRequests() {
    }

    static PlaceOco parse(Params p, SymbolSpec s, int baseScale, int quoteScale, long userId) {
        Side side = OrderRequests.side(p.require("side"));
        long quantity = OrderRequests.decimal(p, "quantity", baseScale, true);
        Leg above = leg(p, "above", quoteScale);
        Leg below = leg(p, "below", quoteScale);
        return oco(p, s, userId, side, quantity, above, below);
    }

    /**
     * The deprecated {@code order/oco}: a LIMIT_MAKER leg at {@code price} and a stop leg at {@code stopPrice}, a
     * STOP_LOSS_LIMIT one when {@code stopLimitPrice} (with {@code stopLimitTimeInForce}) is sent, else a STOP_LOSS
     * one. A sell's limit leg is the upper one, a buy's the lower one.
     */
    static PlaceOco parseDeprecated(Params p, SymbolSpec s, int baseScale, int quoteScale, long userId) {
        Side side = OrderRequests.side(p.require("side"));
        long quantity = OrderRequests.decimal(p, "quantity", baseScale, true);
        unsupported(p, "limitIcebergQty", "stopIcebergQty", "trailingDelta");
        Leg limit = new Leg(OrderType.LIMIT_MAKER, OrderRequests.decimal(p, "price", quoteScale, true), 0, null,
                clientIdOrGenerated(p, "limitClientOrderId"));
        long stopPrice = OrderRequests.decimal(p, "stopPrice", quoteScale, true);
        String stopClientId = clientIdOrGenerated(p, "stopClientOrderId");
        Leg stop;
        if (p.has("stopLimitPrice")) {
            long stopLimitPrice = OrderRequests.decimal(p, "stopLimitPrice", quoteScale, true);
            TimeInForce tif = OrderRequests.timeInForce(p.require("stopLimitTimeInForce"));
            stop = new Leg(OrderType.STOP_LOSS_LIMIT, stopLimitPrice, stopPrice, tif, stopClientId);
        } else {
            OrderRequests.notRequired(p, "stopLimitTimeInForce");
            stop = new Leg(OrderType.STOP_LOSS, 0, stopPrice, null, stopClientId);
        }
        return side == Side.SELL ? oco(p, s, userId, side, quantity, limit, stop)
                : oco(p, s, userId, side, quantity, stop, limit);
    }

    private static PlaceOco oco(Params p, SymbolSpec s, long userId, Side side, long quantity, Leg above, Leg below) {
        StpMode stp = OrderRequests.stp(p.get("selfTradePreventionMode"));
        String listClientId = OrderRequests.clientId(p, "listClientOrderId");
        if (listClientId == null) {
            listClientId = OrderRequests.generatedClientId();
        }
        return new PlaceOco(s.id(), userId, side, quantity, above.type, above.price, above.stopPrice, above.tif,
                above.clientId, below.type, below.price, below.stopPrice, below.tif, below.clientId, stp,
                listClientId);
    }

    private record Leg(OrderType type, long price, long stopPrice, TimeInForce tif, String clientId) {
    }

    private static Leg leg(Params p, String prefix, int quoteScale) {
        unsupported(p, prefix + "IcebergQty", prefix + "TrailingDelta");
        OrderType type;
        try {
            type = OrderType.valueOf(p.require(prefix + "Type"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(-1116, "Invalid orderType.");
        }
        if (type == OrderType.MARKET || type == OrderType.LIMIT) {
            throw ApiException.badRequest(-1116, "Invalid orderType.");
        }
        long price = type.hasLimitPrice() ? OrderRequests.decimal(p, prefix + "Price", quoteScale, true) : 0;
        long stop = type.isConditional() ? OrderRequests.decimal(p, prefix + "StopPrice", quoteScale, true) : 0;
        TimeInForce tif = null;
        if (type == OrderType.STOP_LOSS_LIMIT || type == OrderType.TAKE_PROFIT_LIMIT) {
            try {
                tif = TimeInForce.valueOf(p.require(prefix + "TimeInForce"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(-1115, "Invalid timeInForce.");
            }
        }
        return new Leg(type, price, stop, tif, clientIdOrGenerated(p, prefix + "ClientOrderId"));
    }

    private static String clientIdOrGenerated(Params p, String name) {
        String clientId = OrderRequests.clientId(p, name);
        return clientId == null ? OrderRequests.generatedClientId() : clientId;
    }

    /** Iceberg and trailing legs are not in the engine's OCO yet: refused rather than silently dropped. */
    private static void unsupported(Params p, String... names) {
        for (String name : names) {
            if (p.has(name)) {
                throw ApiException.badRequest(-1014, "Unsupported order combination.");
            }
        }
    }

}
