package io.bourse.engine.command;

/** Lists an asset; the engine assigns the next asset id. */
public record AddAsset(String name, int scale) implements Command {
}
