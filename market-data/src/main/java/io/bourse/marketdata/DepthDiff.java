package io.bourse.marketdata;

import java.util.List;

/**
 * The levels that changed in updates {@code firstUpdateId..lastUpdateId}, each with its final quantity (0 =
 * removed). Consecutive diffs of one stream chain without gaps: each starts one after the previous one ended.
 */
public record DepthDiff(long firstUpdateId, long lastUpdateId, List<Level> bids, List<Level> asks) {
}
