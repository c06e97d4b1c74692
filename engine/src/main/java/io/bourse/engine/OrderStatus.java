package io.bourse.engine;

/** Binance order status lifecycle. */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH, REJECTED;

    /** Whether an order in this status can still trade. */
    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }
}
