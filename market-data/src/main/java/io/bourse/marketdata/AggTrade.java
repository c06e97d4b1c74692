package io.bourse.marketdata;

/**
 * The fills of one taker order at one price: what {@code /api/v3/aggTrades} and {@code @aggTrade} show.
 *
 * <p>An aggregate's id is the id of its first fill. Binance numbers aggregates in a sequence of their own; here the
 * ids increase but skip, and in exchange they never change: the same after a restart, and the same whether the
 * aggregate comes from memory or is folded again from the history store's trades.
 */
public record AggTrade(long id, long price, long qty, long firstTradeId, long lastTradeId, long timeMs,
                       boolean buyerIsMaker) {

    /** The aggregate that a fill starts. */
    public static AggTrade of(long tradeId, long price, long qty, long timeMs, boolean buyerIsMaker) {
        return new AggTrade(tradeId, price, qty, tradeId, tradeId, timeMs, buyerIsMaker);
    }

    /**
     * Whether a fill by {@code taker} continues this aggregate, whose fills were by {@code aggregateTaker}: the same
     * taker, the same price, the very next trade id.
     */
    public boolean continuedBy(long aggregateTaker, long taker, long tradeId, long tradePrice) {
        return aggregateTaker == taker && price == tradePrice && lastTradeId == tradeId - 1;
    }

    /** This aggregate with one more fill. */
    public AggTrade plus(long tradeId, long tradeQty) {
        return new AggTrade(id, price, qty + tradeQty, firstTradeId, tradeId, timeMs, buyerIsMaker);
    }
}
