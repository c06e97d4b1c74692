package io.bourse.marketdata;

/** A price level: total visible quantity at a price (0 in a diff: the level is gone). */
public record Level(long price, long qty) {
}
