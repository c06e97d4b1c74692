package io.bourse.marketdata;

/** The fills of one taker order at one price: what {@code /api/v3/aggTrades} and {@code @aggTrade} show. */
public record AggTrade(long id, long price, long qty, long firstTradeId, long lastTradeId, long timeMs,
                       boolean buyerIsMaker) {
}
