package io.bourse.engine;

/** Binance spot order types. */
public enum OrderType {
    LIMIT, MARKET, LIMIT_MAKER, STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT;

    /** Types that wait for a trigger price before they work. */
    public boolean isConditional() {
        return this == STOP_LOSS || this == STOP_LOSS_LIMIT || this == TAKE_PROFIT || this == TAKE_PROFIT_LIMIT;
    }

    /** Types that carry a limit price (once triggered, for conditional ones). */
    public boolean hasLimitPrice() {
        return this == LIMIT || this == LIMIT_MAKER || this == STOP_LOSS_LIMIT || this == TAKE_PROFIT_LIMIT;
    }

    /** The type an order behaves as once its trigger fired. */
    public OrderType whenTriggered() {
        return switch (this) {
            case STOP_LOSS, TAKE_PROFIT -> MARKET;
            case STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT -> LIMIT;
            default -> this;
        };
    }
}
