package io.bourse.marketdata;

/**
 * One kline (candlestick), as Binance reports it: prices in quote units per whole base unit, volumes in base and
 * quote units; {@code firstTradeId}/{@code lastTradeId} are -1 for a bucket without trades.
 */
public record Kline(long openTime, long closeTime, long open, long high, long low, long close, long volume,
                    long quoteVolume, long trades, long takerBuyVolume, long takerBuyQuoteVolume, long firstTradeId,
                    long lastTradeId) {

    /** A bucket in which nothing traded: flat at the previous close. */
    public static Kline empty(long openTime, long closeTime, long price) {
        return new Kline(openTime, closeTime, price, price, price, price, 0, 0, 0, 0, 0, -1, -1);
    }

    /** This kline followed by {@code next} (a later bucket) as one. */
    public Kline merge(Kline next) {
        if (next.trades == 0) {
            return new Kline(openTime, closeTime, open, high, low, trades == 0 ? next.close : close, volume,
                    quoteVolume, trades, takerBuyVolume, takerBuyQuoteVolume, firstTradeId, lastTradeId);
        }
        if (trades == 0) {
            return new Kline(openTime, closeTime, next.open, next.high, next.low, next.close, next.volume,
                    next.quoteVolume, next.trades, next.takerBuyVolume, next.takerBuyQuoteVolume, next.firstTradeId,
                    next.lastTradeId);
        }
        return new Kline(openTime, closeTime, open, Math.max(high, next.high), Math.min(low, next.low), next.close,
                volume + next.volume, quoteVolume + next.quoteVolume, trades + next.trades,
                takerBuyVolume + next.takerBuyVolume, takerBuyQuoteVolume + next.takerBuyQuoteVolume, firstTradeId,
                next.lastTradeId);
    }

    Kline with(Trade t) {
        if (trades == 0) {
            return new Kline(openTime, closeTime, t.price(), t.price(), t.price(), t.price(), t.qty(), t.quoteQty(), 1,
                    t.buyerIsMaker() ? 0 : t.qty(), t.buyerIsMaker() ? 0 : t.quoteQty(), t.id(), t.id());
        }
        return new Kline(openTime, closeTime, open, Math.max(high, t.price()), Math.min(low, t.price()), t.price(),
                volume + t.qty(), quoteVolume + t.quoteQty(), trades + 1,
                takerBuyVolume + (t.buyerIsMaker() ? 0 : t.qty()),
                takerBuyQuoteVolume + (t.buyerIsMaker() ? 0 : t.quoteQty()), firstTradeId, t.id());
    }
}
