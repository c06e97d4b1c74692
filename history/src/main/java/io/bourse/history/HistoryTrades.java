package io.bourse.history;

import io.bourse.marketdata.TradeHistory;

/** Market data's view of the history store: the trades to reload at start-up. */
public final class HistoryTrades {
    private HistoryTrades() {
    }

    public static TradeHistory of(History history) {
        return (symbolId, fromMs, limit) -> history.tradesSince(symbolId, fromMs, limit).stream()
                .map(t -> new TradeHistory.PastTrade(t.tradeId(), t.price(), t.qty(), t.quoteQty(), t.timeMs(),
                        t.buyerIsMaker(), t.takerOrderId()))
                .toList();
    }
}
