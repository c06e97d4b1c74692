package io.bourse.engine.command;

/**
 * Credits funds that arrived from outside (a deposit, a demo grant). A non-zero {@code referenceId} (the wallet's
 * deposit id) is credited at most once: the engine refuses a second deposit with the same reference, so a wallet
 * that is unsure whether its command landed (it crashed after sending it) can simply send it again.
 */
public record Deposit(long userId, int assetId, long amount, long referenceId) implements Command {
}
