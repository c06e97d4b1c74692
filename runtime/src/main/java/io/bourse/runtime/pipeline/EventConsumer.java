package io.bourse.runtime.pipeline;

import io.bourse.engine.Engine;
import io.bourse.engine.command.Command;
import io.bourse.runtime.event.EncodedEvents;

/**
 * A reader of the engine's output (market data, user streams, history store, analytics). Each runs on its own
 * thread, receives every applied command in sequence order with the events it caused, and remembers how far it
 * got, so after a restart it is handed exactly the commands after that point: nothing lost, nothing repeated.
 */
public interface EventConsumer {
    /** {@link #lastAppliedSequence()} of a consumer that keeps nothing across restarts and wants only new commands. */
    long FROM_NOW = -1;

    /** Names the consumer in logs and backlog figures. */
    String name();

    /**
     * The sequence of the last command whose events this consumer has durably applied (0 if none), or
     * {@link #FROM_NOW}. Read once at start; recovery replays the journal from there for it.
     */
    long lastAppliedSequence();

    /**
     * For a consumer that starts {@link #FROM_NOW}: the engine as recovered, just before the first command this
     * consumer will receive, to copy the state it serves (listings, books, balances, open orders). Called once, on
     * the starting thread, before the pipeline runs; read it, never change it, and keep nothing of it.
     */
    default void startFrom(Engine engine) {
    }

    /**
     * One applied command (accepted or rejected) and its events, valid during the call only
     * ({@link EncodedEvents#decode()} them to keep them).
     */
    void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) throws Exception;

    /** No more commands are available right now: a good moment to flush and record how far it got. */
    default void onBatchEnd() throws Exception {
    }
}
