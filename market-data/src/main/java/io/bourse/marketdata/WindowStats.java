package io.bourse.marketdata;

/**
 * Trading over a window (a rolling 24 hours, a trading day): prices in quote units per whole base unit. Without
 * trades in the window, every price is the last price before it and the trade ids are -1.
 */
public record WindowStats(long prevClose, long open, long high, long low, long last, long volume, long quoteVolume,
                          long count, long firstTradeId, long lastTradeId) {
}
