package io.bourse.wallet.chain;

/** A transfer seen in a block: output {@code outputIndex} of transaction {@code txId} paid {@code amount} to an address. */
public record ObservedTransfer(String txId, int outputIndex, String toAddress, String asset, long amount,
                               long blockNumber, String blockHash) {
}
