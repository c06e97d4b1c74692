package io.bourse.api.rest;

import io.bourse.api.http.Decimals;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.Listing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How a symbol's amounts are written: prices at the quote asset's scale, quantities at the base asset's. */
record Wire(SymbolSpec spec, int baseScale, int quoteScale) {

    static Wire of(Listing listing, SymbolSpec spec) {
        return new Wire(spec, listing.asset(spec.baseAssetId()).scale(), listing.asset(spec.quoteAssetId()).scale());
    }

    String price(long units) {
        return Decimals.format(units, quoteScale);
    }

    String qty(long units) {
        return Decimals.format(units, baseScale);
    }

    String quote(long units) {
        return Decimals.format(units, quoteScale);
    }

    /** Quote amount ÷ base quantity as a price (rounded half up), or 0 without volume. */
    String averagePrice(long quoteVolume, long volume) {
        if (volume == 0) {
            return price(0);
        }
        BigDecimal p = BigDecimal.valueOf(quoteVolume).movePointLeft(quoteScale)
                .divide(BigDecimal.valueOf(volume).movePointLeft(baseScale), quoteScale, RoundingMode.HALF_UP);
        return p.toPlainString();
    }

    /** Percent change from {@code open} to {@code last}, three decimals, as Binance writes it. */
    static String percent(long open, long last) {
        if (open == 0) {
            return "0.000";
        }
        return BigDecimal.valueOf(last - open).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(open), 3, RoundingMode.HALF_UP).toPlainString();
    }
}
