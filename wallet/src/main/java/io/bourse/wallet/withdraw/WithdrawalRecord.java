package io.bourse.wallet.withdraw;

import java.math.BigDecimal;
import java.time.Instant;

/** A withdrawal as its history shows it; amounts in exchange units. */
public record WithdrawalRecord(long withdrawalId, long userId, String asset, String network, String address,
                               long amount, long fee, BigDecimal valueUsdt, String clientOrderId, String status,
                               String txId, int confirmations, String detail, Instant requestedAt,
                               Instant completedAt) {

    /** The statuses Binance's withdrawal status number {@code binance} stands for (none for an unknown number). */
    public static java.util.List<String> statusesOf(int binance) {
        return switch (binance) {
            case 1 -> java.util.List.of("CANCELED");
            case 2 -> java.util.List.of("AWAITING_APPROVAL");
            case 3 -> java.util.List.of("REJECTED");
            case 4 -> java.util.List.of("APPROVED", "SENDING", "BROADCAST");
            case 5 -> java.util.List.of("FAILED");
            case 6 -> java.util.List.of("CONFIRMED");
            default -> java.util.List.of("NONE");
        };
    }

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
