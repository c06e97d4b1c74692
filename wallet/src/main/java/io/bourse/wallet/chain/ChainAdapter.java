package io.bourse.wallet.chain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the wallet needs of a blockchain, whatever it is (the simulated chain, an EVM node): addresses, blocks and
 * the transfers in them, and sending. Amounts are in exchange units of the asset.
 */
public interface ChainAdapter {
    /** The network this adapter serves ({@code ETH}, {@code BTC}, …). */
    String network();

    /** A fresh address to receive deposits at. */
    String newDepositAddress();

    /** The height of the newest block (0 before the first). */
    long tipHeight();

    /** The hash of the block at {@code height} on the current best chain, if there is one. */
    Optional<String> blockHash(long height);

    /** Every transfer in blocks {@code from..to} (inclusive) of the current best chain. */
    List<ObservedTransfer> transfers(long fromHeight, long toHeight);

    /**
     * Sends a withdrawal and returns its transaction id. Idempotent by {@code withdrawalId}: asked again (after a
     * crash), it returns the same transaction rather than paying twice.
     */
    String send(long withdrawalId, String toAddress, String asset, long amount);

    /** How many blocks confirm the transaction (0 while it waits); empty if the chain no longer knows it. */
    OptionalLong confirmations(String txId);
}
