package io.bourse.wallet.withdraw;

import java.math.BigDecimal;
import java.time.Instant;

/** A withdrawal as its history shows it; amounts in exchange units. */
public record WithdrawalRecord(long withdrawalId, long userId, String asset, String network, String address,
                               long amount, long fee, BigDecimal valueUsdt, String clientOrderId, String status,
                               String txId, int confirmations, String detail, Instant requestedAt,
                               Instant completedAt) {

    /** Binance's withdrawal status numbers (0 email sent … 6 completed). */
    public int binanceStatus() {
        return switch (status) {
            case "HOLDING", "APPROVED", "SENDING", "BROADCAST" -> 4;
            case "AWAITING_APPROVAL" -> 2;
            case "REJECTED" -> 3;
            case "FAILED" -> 5;
            case "CANCELED" -> 1;
            case "CONFIRMED" -> 6;
            default -> 4;
        };
    }
}
