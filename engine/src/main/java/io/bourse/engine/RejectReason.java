package io.bourse.engine;

/**
 * Why the engine rejected a command. A rejected command changes nothing. Each reason carries the Binance
 * error code and the exact message clients key on (see shared/reference/binance-spot-api.md §1.9).
 */
public enum RejectReason {
    NONE(0, ""),
    INSUFFICIENT_BALANCE(-2010, "Account has insufficient balance for requested action."),
    WOULD_MATCH_IMMEDIATELY(-2010, "Order would immediately match and take."),
    WOULD_TRIGGER_IMMEDIATELY(-2010, "Order would trigger immediately."),
    DUPLICATE_ORDER(-2010, "Duplicate order sent."),
    UNSUPPORTED_ORDER_COMBINATION(-1014, "Unsupported order combination."),
    OCO_BAD_PRICES(-2010, "The relationship of the prices for the orders is not correct."),
    MARKET_CLOSED(-1013, "Market is closed."),
    ZERO_NOTIONAL(-2010, "Price * QTY is zero or less."),
    AMEND_NOT_A_DECREASE(-2010, "Order amend can only decrease the quantity, to above the executed quantity."),
    FILTER_PRICE(-1013, "Filter failure: PRICE_FILTER"),
    FILTER_PERCENT_PRICE_BY_SIDE(-1013, "Filter failure: PERCENT_PRICE_BY_SIDE"),
    FILTER_LOT_SIZE(-1013, "Filter failure: LOT_SIZE"),
    FILTER_MARKET_LOT_SIZE(-1013, "Filter failure: MARKET_LOT_SIZE"),
    FILTER_NOTIONAL(-1013, "Filter failure: NOTIONAL"),
    FILTER_ICEBERG_PARTS(-1013, "Filter failure: ICEBERG_PARTS"),
    FILTER_MAX_NUM_ORDERS(-1013, "Filter failure: MAX_NUM_ORDERS"),
    FILTER_MAX_NUM_ALGO_ORDERS(-1013, "Filter failure: MAX_NUM_ALGO_ORDERS"),
    UNKNOWN_ORDER(-2011, "Unknown order sent."),
    UNKNOWN_SYMBOL(-1121, "Invalid symbol."),
    UNKNOWN_ASSET(-1100, "Unknown asset."),
    DUPLICATE_ASSET(-1130, "Asset already listed."),
    DUPLICATE_SYMBOL(-1130, "Symbol already listed."),
    INVALID_SYMBOL_SPEC(-1130, "Invalid symbol specification."),
    INVALID_AMOUNT(-1130, "Invalid amount."),
    UNKNOWN_WITHDRAWAL(-1130, "Unknown withdrawal."),
    DUPLICATE_WITHDRAWAL(-1130, "Duplicate withdrawal."),
    BALANCE_OVERFLOW(-1130, "Amount exceeds the asset's supply limit."),
    DUPLICATE_DEPOSIT(-1130, "Duplicate deposit."),
    CANCEL_RESTRICTED(-2011, "Order was not canceled due to cancel restrictions.");

    private final int code;
    private final String message;

    RejectReason(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** Binance error code ({@code -2010}, {@code -1013}, ...). */
    public int code() {
        return code;
    }

    /** Binance error message, word for word. */
    public String message() {
        return message;
    }
}
