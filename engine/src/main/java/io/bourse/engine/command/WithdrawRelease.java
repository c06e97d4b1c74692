package io.bourse.engine.command;

/** The held withdrawal was cancelled or failed: its funds return to the user's free balance. */
public record WithdrawRelease(long withdrawalId) implements Command {
}
