package io.bourse.api.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.ApiConfig;
import io.bourse.api.http.Decimals;
import io.bourse.api.http.WireFormat;
import io.bourse.engine.OrderType;
import io.bourse.engine.StpMode;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.Listing;

import java.io.IOException;
import java.util.List;

/** {@code GET /api/v3/exchangeInfo}: rate limits and every symbol with its filters, as Binance lays them out. */
final class ExchangeInfo {
    /** Engine order types as Binance lists them. */
    private static final List<OrderType> ORDER_TYPES = List.of(OrderType.LIMIT, OrderType.LIMIT_MAKER,
            OrderType.MARKET, OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT,
            OrderType.TAKE_PROFIT_LIMIT);
    private static final String NO_MAX_NOTIONAL = "9000000000.00000000";

    private ExchangeInfo() {
    }

    static void rateLimits(JsonGenerator g, ApiConfig config) throws IOException {
        g.writeArrayFieldStart("rateLimits");
        rateLimit(g, "REQUEST_WEIGHT", "MINUTE", 1, config.weightPerMinute());
        rateLimit(g, "ORDERS", "SECOND", 10, config.ordersPer10s());
        rateLimit(g, "ORDERS", "DAY", 1, config.ordersPerDay());
        rateLimit(g, "RAW_REQUESTS", "MINUTE", 5, config.rawPer5Min());
        g.writeEndArray();
    }

    private static void rateLimit(JsonGenerator g, String type, String interval, int num, int limit)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("rateLimitType", type);
        g.writeStringField("interval", interval);
        g.writeNumberField("intervalNum", num);
        g.writeNumberField("limit", limit);
        g.writeEndObject();
    }

    static void symbol(JsonGenerator g, Listing listing, SymbolSpec s) throws IOException {
        WireFormat w = WireFormat.of(listing, s);
        g.writeStartObject();
        g.writeStringField("symbol", s.name());
        g.writeStringField("status", s.status().name());
        g.writeStringField("baseAsset", listing.asset(s.baseAssetId()).name());
        g.writeNumberField("baseAssetPrecision", w.baseScale());
        g.writeStringField("quoteAsset", listing.asset(s.quoteAssetId()).name());
        g.writeNumberField("quotePrecision", w.quoteScale());
        g.writeNumberField("quoteAssetPrecision", w.quoteScale());
        g.writeNumberField("baseCommissionPrecision", w.baseScale());
        g.writeNumberField("quoteCommissionPrecision", w.quoteScale());
        g.writeArrayFieldStart("orderTypes");
        for (OrderType t : ORDER_TYPES) {
            g.writeString(t.name());
        }
        g.writeEndArray();
        g.writeBooleanField("icebergAllowed", s.icebergParts() > 0);
        g.writeBooleanField("ocoAllowed", true);
        g.writeBooleanField("otoAllowed", false);
        g.writeBooleanField("opoAllowed", false);
        g.writeBooleanField("quoteOrderQtyMarketAllowed", true);
        g.writeBooleanField("allowTrailingStop", false);
        g.writeBooleanField("cancelReplaceAllowed", true);
        g.writeBooleanField("amendAllowed", true);
        g.writeBooleanField("pegInstructionsAllowed", false);
        g.writeBooleanField("isSpotTradingAllowed", true);
        g.writeBooleanField("isMarginTradingAllowed", false);
        g.writeArrayFieldStart("filters");
        filters(g, w);
        g.writeEndArray();
        g.writeArrayFieldStart("permissions");
        g.writeEndArray();
        g.writeArrayFieldStart("permissionSets");
        g.writeStartArray();
        g.writeString("SPOT");
        g.writeEndArray();
        g.writeEndArray();
        g.writeStringField("defaultSelfTradePreventionMode", s.defaultStp().name());
        g.writeArrayFieldStart("allowedSelfTradePreventionModes");
        for (StpMode m : StpMode.values()) {
            g.writeString(m.name());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void filters(JsonGenerator g, WireFormat w) throws IOException {
        SymbolSpec s = w.spec();
        g.writeStartObject();
        g.writeStringField("filterType", "PRICE_FILTER");
        g.writeStringField("minPrice", w.price(s.price().minPrice()));
        g.writeStringField("maxPrice", w.price(s.price().maxPrice()));
        g.writeStringField("tickSize", w.price(s.price().tickSize()));
        g.writeEndObject();
        lotSize(g, w, "LOT_SIZE", s.lotSize());
        if (s.icebergParts() > 0) {
            g.writeStartObject();
            g.writeStringField("filterType", "ICEBERG_PARTS");
            g.writeNumberField("limit", s.icebergParts());
            g.writeEndObject();
        }
        lotSize(g, w, "MARKET_LOT_SIZE", s.marketLotSize());
        SymbolSpec.NotionalFilter n = s.notional();
        g.writeStartObject();
        g.writeStringField("filterType", "NOTIONAL");
        g.writeStringField("minNotional", w.quote(n.minNotional()));
        g.writeBooleanField("applyMinToMarket", n.applyMinToMarket());
        g.writeStringField("maxNotional", n.maxNotional() == 0 ? NO_MAX_NOTIONAL : w.quote(n.maxNotional()));
        g.writeBooleanField("applyMaxToMarket", n.applyMaxToMarket());
        g.writeNumberField("avgPriceMins", n.avgPriceMins());
        g.writeEndObject();
        SymbolSpec.PercentPriceBySide pp = s.percentPrice();
        if (pp != null) {
            g.writeStartObject();
            g.writeStringField("filterType", "PERCENT_PRICE_BY_SIDE");
            g.writeStringField("bidMultiplierUp", rate(pp.bidMultiplierUp()));
            g.writeStringField("bidMultiplierDown", rate(pp.bidMultiplierDown()));
            g.writeStringField("askMultiplierUp", rate(pp.askMultiplierUp()));
            g.writeStringField("askMultiplierDown", rate(pp.askMultiplierDown()));
            g.writeNumberField("avgPriceMins", pp.avgPriceMins());
            g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("filterType", "MAX_NUM_ORDERS");
        g.writeNumberField("maxNumOrders", s.maxNumOrders());
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "MAX_NUM_ALGO_ORDERS");
        g.writeNumberField("maxNumAlgoOrders", s.maxNumAlgoOrders());
        g.writeEndObject();
    }

    private static void lotSize(JsonGenerator g, WireFormat w, String type, SymbolSpec.LotSize l) throws IOException {
        g.writeStartObject();
        g.writeStringField("filterType", type);
        g.writeStringField("minQty", w.qty(l.minQty()));
        g.writeStringField("maxQty", w.qty(l.maxQty()));
        g.writeStringField("stepSize", w.qty(l.stepSize()));
        g.writeEndObject();
    }

    /** Multipliers are {@link Rates} fixed point; Binance writes them with few decimals ("5", "0.2"). */
    private static String rate(long fixed) {
        return new java.math.BigDecimal(Decimals.format(fixed, 8)).stripTrailingZeros().toPlainString();
    }
}
