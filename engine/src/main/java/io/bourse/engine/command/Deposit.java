package io.bourse.engine.command;

/** Credits funds that arrived from outside (a deposit, a demo grant). */
public record Deposit(long userId, int assetId, long amount, long referenceId) implements Command {
}
