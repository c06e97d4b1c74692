package io.bourse.marketdata;

import java.util.List;

/** The top of a book as of update {@code lastUpdateId}: bids best (highest) first, asks best (lowest) first. */
public record DepthSnapshot(long lastUpdateId, List<Level> bids, List<Level> asks) {
}
