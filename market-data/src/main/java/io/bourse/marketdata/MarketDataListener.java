package io.bourse.marketdata;

import java.util.List;

/**
 * Hears what changed in the markets, on the market-data consumer thread, once per command (keep it short: the
 * streams only enqueue frames here).
 */
public interface MarketDataListener {
    /** Trades of one command on one symbol, and the aggregate trades they completed or extended. */
    default void onTrades(SymbolMarket market, long eventTimeMs, List<Trade> trades, List<AggTrade> aggTrades) {
    }

    /** The best bid or ask (price or quantity) changed. */
    default void onBookTicker(SymbolMarket market, BookTicker ticker) {
    }
}
