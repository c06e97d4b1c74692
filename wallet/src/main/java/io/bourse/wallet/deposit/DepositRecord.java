package io.bourse.wallet.deposit;

import java.time.Instant;

/** A deposit as the history shows it. */
public record DepositRecord(long depositId, long userId, String asset, String network, String txId, int outputIndex,
                            String address, long amount, int confirmations, int required, String status,
                            Instant detectedAt, Instant creditedAt) {
}
