package io.bourse.engine;

/** Why an order changed: Binance's executionReport execution types. */
public enum ExecType {
    NEW, TRADE, CANCELED, EXPIRED, REPLACED, TRADE_PREVENTION, TRIGGERED
}
