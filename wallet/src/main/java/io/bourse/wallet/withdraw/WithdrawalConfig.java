package io.bourse.wallet.withdraw;

import java.math.BigDecimal;

/** @param approvalAboveUsdt withdrawals worth more than this wait for a finance officer */
public record WithdrawalConfig(BigDecimal approvalAboveUsdt) {
    public static WithdrawalConfig defaults() {
        return new WithdrawalConfig(new BigDecimal("5000"));
    }
}
