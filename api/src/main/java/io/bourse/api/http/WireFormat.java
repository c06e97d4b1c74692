package io.bourse.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.AggTrade;
import io.bourse.marketdata.Level;
import io.bourse.marketdata.Listing;
import io.bourse.marketdata.Ticker;
import io.bourse.marketdata.WindowStats;

import java.io.IOException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** How a symbol's amounts are written: prices at the quote asset's scale, quantities at the base asset's. */
public record WireFormat(SymbolSpec spec, int baseScale, int quoteScale) {

    public static WireFormat of(Listing listing, SymbolSpec spec) {
        return new WireFormat(spec, listing.asset(spec.baseAssetId()).scale(),
                listing.asset(spec.quoteAssetId()).scale());
    }

    public String price(long units) {
        return Decimals.format(units, quoteScale);
    }

    public String qty(long units) {
        return Decimals.format(units, baseScale);
    }

    public String quote(long units) {
        return Decimals.format(units, quoteScale);
    }

    /** Quote amount ÷ base quantity as a price (rounded half up), or 0 without volume. */
    public String averagePrice(long quoteVolume, long volume) {
        if (volume == 0) {
            return price(0);
        }
        BigDecimal p = BigDecimal.valueOf(quoteVolume).movePointLeft(quoteScale)
                .divide(BigDecimal.valueOf(volume).movePointLeft(baseScale), quoteScale, RoundingMode.HALF_UP);
        return p.toPlainString();
    }

    /** A window's volume-weighted average price, or the last price when nothing traded in it. */
    public String averagePrice(Ticker t) {
        WindowStats s = t.stats();
        return s.volume() > 0 ? averagePrice(s.quoteVolume(), s.volume()) : price(t.lastPrice());
    }

    /** Percent change from {@code open} to {@code last}, three decimals, as Binance writes it. */
    public static String percent(long open, long last) {
        if (open == 0) {
            return "0.000";
        }
        return BigDecimal.valueOf(last - open).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(open), 3, RoundingMode.HALF_UP).toPlainString();
    }

    /** Levels as Binance writes them: {@code "name":[["price","qty"],…]}. */
    public void levels(JsonGenerator g, String name, List<Level> levels) throws IOException {
        g.writeArrayFieldStart(name);
        for (Level l : levels) {
            g.writeStartArray();
            g.writeString(price(l.price()));
            g.writeString(qty(l.qty()));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** An aggregate trade's fields, shared by {@code /api/v3/aggTrades} and the {@code @aggTrade} stream. */
    public void aggTradeFields(JsonGenerator g, AggTrade a) throws IOException {
        g.writeNumberField("a", a.id());
        g.writeStringField("p", price(a.price()));
        g.writeStringField("q", qty(a.qty()));
        g.writeNumberField("f", a.firstTradeId());
        g.writeNumberField("l", a.lastTradeId());
        g.writeNumberField("T", a.timeMs());
        g.writeBooleanField("m", a.buyerIsMaker());
        g.writeBooleanField("M", true);
    }
}
