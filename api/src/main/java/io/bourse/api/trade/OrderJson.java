package io.bourse.api.trade;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.http.WireFormat;
import io.bourse.engine.OrderType;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.event.OrderState;

import java.io.IOException;

/** Order fields as Binance writes them in order responses and queries. */
final class OrderJson {
    private OrderJson() {
    }

    /** Fields every order object shares: identity, prices, quantities, status and type. */
    static void core(JsonGenerator g, WireFormat w, OrderState o) throws IOException {
        g.writeStringField("price", w.price(o.type() == OrderType.MARKET ? 0 : o.price()));
        g.writeStringField("origQty", w.qty(o.origQty()));
        g.writeStringField("executedQty", w.qty(o.executedQty()));
        g.writeStringField("origQuoteOrderQty", w.quote(o.quoteOrderQty()));
        g.writeStringField("cummulativeQuoteQty", w.quote(o.cumQuoteQty()));
        g.writeStringField("status", o.status().name());
        g.writeStringField("timeInForce", (o.timeInForce() == null ? TimeInForce.GTC : o.timeInForce()).name());
        g.writeStringField("type", o.type().name());
        g.writeStringField("side", o.side().name());
    }

    static void conditional(JsonGenerator g, WireFormat w, OrderState o) throws IOException {
        if (o.type().isConditional()) {
            g.writeStringField("stopPrice", w.price(o.stopPrice()));
        }
        if (o.icebergQty() > 0) {
            g.writeStringField("icebergQty", w.qty(o.icebergQty()));
        }
        if (o.preventedQty() > 0) {
            g.writeStringField("preventedQuantity", w.qty(o.preventedQty()));
        }
    }

    /** {@code GET /api/v3/order}, {@code openOrders}, {@code allOrders}. */
    static void query(JsonGenerator g, WireFormat w, OrderState o) throws IOException {
        g.writeStartObject();
        g.writeStringField("symbol", w.spec().name());
        g.writeNumberField("orderId", o.orderId());
        g.writeNumberField("orderListId", o.orderListId());
        g.writeStringField("clientOrderId", o.clientOrderId());
        core(g, w, o);
        g.writeStringField("stopPrice", w.price(o.stopPrice()));
        g.writeStringField("icebergQty", w.qty(o.icebergQty()));
        g.writeNumberField("time", o.createdTimeMs());
        g.writeNumberField("updateTime", o.updatedTimeMs());
        g.writeBooleanField("isWorking", o.workingTimeMs() >= 0);
        g.writeNumberField("workingTime", o.workingTimeMs());
        g.writeStringField("selfTradePreventionMode", o.stpMode().name());
        if (o.preventedQty() > 0) {
            g.writeStringField("preventedQuantity", w.qty(o.preventedQty()));
        }
        g.writeEndObject();
    }

    /** A cancelled order, as {@code DELETE /api/v3/order} and {@code openOrders} answer. */
    static void cancel(JsonGenerator g, WireFormat w, OrderState o, String cancelClientId, long transactTime)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("symbol", w.spec().name());
        g.writeStringField("origClientOrderId", o.clientOrderId());
        g.writeNumberField("orderId", o.orderId());
        g.writeNumberField("orderListId", o.orderListId());
        g.writeStringField("clientOrderId", cancelClientId);
        g.writeNumberField("transactTime", transactTime);
        core(g, w, o);
        g.writeStringField("selfTradePreventionMode", o.stpMode().name());
        conditional(g, w, o);
        g.writeEndObject();
    }
}
