package io.bourse.api.trade;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.Decimals;
import io.bourse.api.http.Params;
import io.bourse.engine.CancelRestriction;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.market.SymbolSpec;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Reads {@code POST /api/v3/order} parameters into an engine {@link PlaceOrder}, with Binance's errors for
 * malformed values, missing and unneeded parameters. Filters (tick, lot, notional…) are the engine's to check.
 */
final class OrderRequests {
    static final String DECIMAL_RANGE = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    private static final String CLIENT_ID_RANGE = "^[\\.A-Z\\:/a-z0-9_-]{1,36}$";
    private static final Pattern CLIENT_ID = Pattern.compile(CLIENT_ID_RANGE);
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** What the response should contain. */
    enum RespType { ACK, RESULT, FULL }

    record NewOrder(PlaceOrder command, RespType respType) {
    }

    private OrderRequests() {
    }

    static NewOrder parse(Params p, SymbolSpec s, int baseScale, int quoteScale, long userId) {
        Side side = side(p.require("side"));
        OrderType type = type(p.require("type"));
        TimeInForce tif = null;
        long price = 0;
        long quantity = 0;
        long quoteOrderQty = 0;
        long stopPrice = 0;
        switch (type) {
            case LIMIT, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT -> {
                tif = timeInForce(p.require("timeInForce"));
                quantity = decimal(p, "quantity", baseScale, true);
                price = decimal(p, "price", quoteScale, true);
            }
            case LIMIT_MAKER -> {
                notRequired(p, "timeInForce");
                quantity = decimal(p, "quantity", baseScale, true);
                price = decimal(p, "price", quoteScale, true);
            }
            case MARKET -> {
                notRequired(p, "timeInForce");
                notRequired(p, "price");
                if (p.has("quantity") == p.has("quoteOrderQty")) {
                    throw p.has("quantity") ? ApiException.badCombination()
                            : ApiException.badRequest(-1102,
                                    "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty.");
                }
                quantity = decimal(p, "quantity", baseScale, false);
                quoteOrderQty = decimal(p, "quoteOrderQty", quoteScale, false);
            }
            case STOP_LOSS, TAKE_PROFIT -> {
                notRequired(p, "timeInForce");
                notRequired(p, "price");
                quantity = decimal(p, "quantity", baseScale, true);
            }
        }
        if (type != OrderType.MARKET) {
            notRequired(p, "quoteOrderQty");
        }
        if (type.isConditional()) {
            if (p.has("trailingDelta")) {
                throw ApiException.badRequest(-1014, "Unsupported order combination.");
            }
            stopPrice = decimal(p, "stopPrice", quoteScale, true);
        } else {
            notRequired(p, "stopPrice");
        }
        long iceberg = 0;
        if (p.has("icebergQty")) {
            if (!type.hasLimitPrice()) {
                throw ApiException.badRequest(-1106, "Parameter 'icebergQty' sent when not required.");
            }
            iceberg = decimal(p, "icebergQty", baseScale, true);
        }
        refuseEmptyClientId(p, "newClientOrderId");
        String clientId = p.get("newClientOrderId");
        if (clientId == null) {
            clientId = generatedClientId();
        } else if (!CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.illegalChars("newClientOrderId", CLIENT_ID_RANGE);
        }
        StpMode stp = stp(p.get("selfTradePreventionMode"));
        RespType resp = respType(p.get("newOrderRespType"), type);
        return new NewOrder(new PlaceOrder(s.id(), userId, side, type, tif, price, quantity, quoteOrderQty, stopPrice,
                iceberg, stp, clientId), resp);
    }

    /** A random client order id, as Binance makes one when none is sent (unique enough, not a secret). */
    static String generatedClientId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[ThreadLocalRandom.current().nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    /** An order named by id or by client id (at least one). */
    record OrderRef(long orderId, String clientOrderId) {
    }

    static OrderRef orderRef(Params p, String idName, String clientIdName) {
        long id = p.optLong(idName).orElse(0);
        String clientId = clientId(p, clientIdName);
        if (id == 0 && clientId == null) {
            throw ApiException.badRequest(-1102, "Param '" + clientIdName + "' or '" + idName
                    + "' must be sent, but both were empty/null!");
        }
        return new OrderRef(id, clientId);
    }

    static String clientId(Params p, String name) {
        refuseEmptyClientId(p, name);
        String id = p.get(name);
        if (id != null && !CLIENT_ID.matcher(id).matches()) {
            throw ApiException.illegalChars(name, CLIENT_ID_RANGE);
        }
        return id;
    }

    /** An order's own or original client id sent empty is an error of its own on Binance (-1118, -1119). */
    private static void refuseEmptyClientId(Params p, String name) {
        if (!p.sentEmpty(name)) {
            return;
        }
        switch (name) {
            case "newClientOrderId", "cancelNewClientOrderId" ->
                    throw ApiException.badRequest(-1118, "New client order ID was empty.");
            case "origClientOrderId", "cancelOrigClientOrderId" ->
                    throw ApiException.badRequest(-1119, "Original client order ID was empty.");
            default -> {
            }
        }
    }

    static void notRequired(Params p, String name) {
        if (p.has(name)) {
            throw ApiException.badRequest(-1106, "Parameter '" + name + "' sent when not required.");
        }
    }

    /** A decimal amount in units of 10^-scale; 0 when absent and not required. */
    static long decimal(Params p, String name, int scale, boolean required) {
        String text = required ? p.require(name) : p.get(name);
        if (text == null) {
            return 0;
        }
        return switch (Decimals.parse(text, scale)) {
            case Decimals.Parsed.Value v -> v.units();
            case Decimals.Parsed.TooPrecise t ->
                    throw ApiException.badRequest(-1111, "Precision is over the maximum defined for this asset.");
            case Decimals.Parsed.Overflow o -> throw ApiException.badRequest(-1108, "Parameter '" + name
                    + "' overflowed.");
            case Decimals.Parsed.Malformed m -> throw ApiException.illegalChars(name, DECIMAL_RANGE);
        };
    }

    static Side side(String text) {
        return switch (text) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw ApiException.badRequest(-1117, "Invalid side.");
        };
    }

    private static OrderType type(String text) {
        try {
            return OrderType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(-1116, "Invalid orderType.");
        }
    }

    static TimeInForce timeInForce(String text) {
        try {
            return TimeInForce.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(-1115, "Invalid timeInForce.");
        }
    }

    /** {@code cancelRestrictions}: absent means none. */
    static CancelRestriction cancelRestriction(Params p) {
        String text = p.get("cancelRestrictions");
        if (text == null) {
            return CancelRestriction.NONE;
        }
        return switch (text) {
            case "ONLY_NEW" -> CancelRestriction.ONLY_NEW;
            case "ONLY_PARTIALLY_FILLED" -> CancelRestriction.ONLY_PARTIALLY_FILLED;
            default -> throw ApiException.badRequest(-1145,
                    "cancelRestrictions has to be either ONLY_NEW or ONLY_PARTIALLY_FILLED.");
        };
    }

    static StpMode stp(String text) {
        if (text == null) {
            return null;
        }
        try {
            return StpMode.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.illegalChars("selfTradePreventionMode",
                    "NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH, DECREMENT");
        }
    }

    private static RespType respType(String text, OrderType type) {
        if (text == null) {
            return type == OrderType.LIMIT || type == OrderType.MARKET ? RespType.FULL : RespType.ACK;
        }
        try {
            return RespType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.illegalChars("newOrderRespType", "ACK, RESULT, FULL");
        }
    }
}
