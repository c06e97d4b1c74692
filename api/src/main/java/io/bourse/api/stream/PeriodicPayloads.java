package io.bourse.api.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.WireFormat;
import io.bourse.marketdata.Kline;
import io.bourse.marketdata.KlineInterval;
import io.bourse.marketdata.SymbolMarket;
import io.bourse.marketdata.Ticker;
import io.bourse.marketdata.WindowStats;

import java.io.IOException;

/** Payloads of the streams sent on a timer: klines, tickers (24 h, mini, rolling) and the average price. */
final class PeriodicPayloads {
    static final long DAY = 86_400_000L;

    private PeriodicPayloads() {
    }

    static String kline(SymbolMarket m, WireFormat w, KlineInterval interval, Kline k, boolean closed, long now) {
        return JsonOut.string(g -> {
            g.writeStartObject();
            g.writeStringField("e", "kline");
            g.writeNumberField("E", now);
            g.writeStringField("s", m.spec().name());
            g.writeObjectFieldStart("k");
            g.writeNumberField("t", k.openTime());
            g.writeNumberField("T", k.closeTime());
            g.writeStringField("s", m.spec().name());
            g.writeStringField("i", interval.code());
            g.writeNumberField("f", k.firstTradeId());
            g.writeNumberField("L", k.lastTradeId());
            g.writeStringField("o", w.price(k.open()));
            g.writeStringField("c", w.price(k.close()));
            g.writeStringField("h", w.price(k.high()));
            g.writeStringField("l", w.price(k.low()));
            g.writeStringField("v", w.qty(k.volume()));
            g.writeNumberField("n", k.trades());
            g.writeBooleanField("x", closed);
            g.writeStringField("q", w.quote(k.quoteVolume()));
            g.writeStringField("V", w.qty(k.takerBuyVolume()));
            g.writeStringField("Q", w.quote(k.takerBuyQuoteVolume()));
            g.writeStringField("B", "0");
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** {@code 24hrTicker}, {@code 24hrMiniTicker}, or a rolling {@code 1hTicker}, {@code 4hTicker}, {@code 1dTicker}. */
    static void ticker(JsonGenerator g, SymbolMarket m, WireFormat w, String event, long now, long windowMs)
            throws IOException {
        Ticker t = m.ticker(now - windowMs, now);
        WindowStats s = t.stats();
        boolean mini = event.equals("24hrMiniTicker");
        boolean full = event.equals("24hrTicker");
        g.writeStartObject();
        g.writeStringField("e", event);
        g.writeNumberField("E", now);
        g.writeStringField("s", m.spec().name());
        if (mini) {
            g.writeStringField("c", w.price(t.lastPrice()));
            g.writeStringField("o", w.price(s.open()));
            g.writeStringField("h", w.price(s.high()));
            g.writeStringField("l", w.price(s.low()));
            g.writeStringField("v", w.qty(s.volume()));
            g.writeStringField("q", w.quote(s.quoteVolume()));
            g.writeEndObject();
            return;
        }
        g.writeStringField("p", w.price(t.lastPrice() - s.open()));
        g.writeStringField("P", WireFormat.percent(s.open(), t.lastPrice()));
        if (!full) {
            g.writeStringField("o", w.price(s.open()));
            g.writeStringField("h", w.price(s.high()));
            g.writeStringField("l", w.price(s.low()));
            g.writeStringField("c", w.price(t.lastPrice()));
        }
        g.writeStringField("w", w.averagePrice(s.quoteVolume(), s.volume()));
        if (full) {
            g.writeStringField("x", w.price(s.prevClose()));
            g.writeStringField("c", w.price(t.lastPrice()));
            g.writeStringField("Q", w.qty(t.lastQty()));
            g.writeStringField("b", w.price(t.book().bidPrice()));
            g.writeStringField("B", w.qty(t.book().bidQty()));
            g.writeStringField("a", w.price(t.book().askPrice()));
            g.writeStringField("A", w.qty(t.book().askQty()));
            g.writeStringField("o", w.price(s.open()));
            g.writeStringField("h", w.price(s.high()));
            g.writeStringField("l", w.price(s.low()));
        }
        g.writeStringField("v", w.qty(s.volume()));
        g.writeStringField("q", w.quote(s.quoteVolume()));
        g.writeNumberField("O", t.openTime());
        g.writeNumberField("C", t.closeTime());
        g.writeNumberField("F", s.firstTradeId());
        g.writeNumberField("L", s.lastTradeId());
        g.writeNumberField("n", s.count());
        g.writeEndObject();
    }

    static String ticker(SymbolMarket m, WireFormat w, String event, long now, long windowMs) {
        return JsonOut.string(g -> ticker(g, m, w, event, now, windowMs));
    }

    static String rollingEvent(String window) {
        return window + "Ticker";
    }

    static String avgPrice(SymbolMarket m, WireFormat w, long now) {
        int mins = m.spec().notional().avgPriceMins();
        Ticker t = m.ticker(now - mins * 60_000L, now);
        return JsonOut.string(g -> {
            g.writeStartObject();
            g.writeStringField("e", "avgPrice");
            g.writeNumberField("E", now);
            g.writeStringField("s", m.spec().name());
            g.writeStringField("i", mins + "m");
            g.writeStringField("w", w.averagePrice(t));
            g.writeNumberField("T", now);
            g.writeEndObject();
        });
    }
}
