package io.bourse.marketdata;

/**
 * A symbol's ticker over a window, read in one consistent view: the window's statistics, the last trade (its
 * price and quantity, 0 before the first trade) and the best bid and ask.
 */
public record Ticker(long openTime, long closeTime, WindowStats stats, long lastPrice, long lastQty,
                     BookTicker book) {
}
