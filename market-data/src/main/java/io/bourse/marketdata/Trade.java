package io.bourse.marketdata;

/** A public trade: what {@code /api/v3/trades} and the {@code @trade} stream show. */
public record Trade(long id, long price, long qty, long quoteQty, long timeMs, boolean buyerIsMaker) {
}
