package io.bourse.engine;

/** Which orders a cancel may cancel (Binance's {@code cancelRestrictions}); any other is left as it is. */
public enum CancelRestriction {
    /** Any open order. */
    NONE,
    /** Only an order nothing of which has been filled yet. */
    ONLY_NEW,
    /** Only an order partly filled. */
    ONLY_PARTIALLY_FILLED;

    /** Whether an open order in this status may be cancelled. */
    public boolean allows(OrderStatus status) {
        return switch (this) {
            case NONE -> true;
            case ONLY_NEW -> status == OrderStatus.NEW;
            case ONLY_PARTIALLY_FILLED -> status == OrderStatus.PARTIALLY_FILLED;
        };
    }
}
