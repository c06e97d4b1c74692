package io.bourse.runtime.pipeline;

/**
 * Hears what became of one command, once it is journaled and applied (or could not be). Runs on the pipeline's
 * responder thread: keep it short and never block.
 */
@FunctionalInterface
public interface CommandCallback {
    void onResult(CommandResult result);

    /** Whether the result should carry the command's events (copying them costs; counters need none). */
    default boolean needsEvents() {
        return true;
    }
}
