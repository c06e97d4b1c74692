package io.bourse.engine;

/** Kinds of funds movement across the exchange's boundary (Binance's balanceUpdate). */
public enum FundsMovement {
    DEPOSIT, WITHDRAW_HOLD, WITHDRAW_SETTLE, WITHDRAW_RELEASE
}
