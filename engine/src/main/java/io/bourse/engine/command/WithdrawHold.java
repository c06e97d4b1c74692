package io.bourse.engine.command;

/** Locks funds for a withdrawal being processed; {@code withdrawalId} names it for settle or release. */
public record WithdrawHold(long withdrawalId, long userId, int assetId, long amount) implements Command {
}
