package io.bourse.api.trade;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.Params;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.market.SymbolSpec;

/** Reads {@code POST /api/v3/orderList/oco} parameters (the {@code above…} and {@code below…} legs). */
final class OcoRequests {
    private OcoRequests() {
    }

    static PlaceOco parse(Params p, SymbolSpec s, int baseScale, int quoteScale, long userId) {
        Side side = OrderRequests.side(p.require("side"));
        long quantity = OrderRequests.decimal(p, "quantity", baseScale, true);
        Leg above = leg(p, "above", quoteScale);
        Leg below = leg(p, "below", quoteScale);
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
        String clientId = OrderRequests.clientId(p, prefix + "ClientOrderId");
        return new Leg(type, price, stop, tif, clientId == null ? OrderRequests.generatedClientId() : clientId);
    }

}
