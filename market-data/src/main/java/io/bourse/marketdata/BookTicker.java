package io.bourse.marketdata;

/** Best bid and ask (0 prices and quantities for an empty side) as of depth update {@code updateId}. */
public record BookTicker(long updateId, long bidPrice, long bidQty, long askPrice, long askQty) {
}
