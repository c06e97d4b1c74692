package io.bourse.engine.command;

/** Moves a user to a fee tier. */
public record SetUserFeeTier(long userId, int tier) implements Command {
}
