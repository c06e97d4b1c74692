package io.bourse.marketdata;

import java.util.List;

/** Where market data finds the trades of before a restart (the history store), to rebuild klines and tickers. */
@FunctionalInterface
public interface TradeHistory {
    /** A past fill, with the order that took liquidity (to rebuild aggregate trades). */
    record PastTrade(long id, long price, long qty, long quoteQty, long timeMs, boolean buyerIsMaker,
                     long takerOrderId) {
    }

    /** Trades of the symbol at or after {@code fromMs}, oldest first, at most {@code limit} (the newest ones). */
    List<PastTrade> since(int symbolId, long fromMs, int limit);

    TradeHistory NONE = (symbolId, fromMs, limit) -> List.of();
}
