package io.bourse.engine.command;

/** The held withdrawal left the exchange: its funds are debited for good. */
public record WithdrawSettle(long withdrawalId) implements Command {
}
