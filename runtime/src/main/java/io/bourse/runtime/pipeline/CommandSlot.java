package io.bourse.runtime.pipeline;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.Command;
import io.bourse.runtime.event.EventSlice;

/** One entry of the ring: a command on its way through journal, engine, responder and consumers. */
final class CommandSlot {
    Command command;
    CommandCallback callback;
    /** Set by the journal stage. */
    long sequence;
    long timestampMs;
    /** Null while the command is journaled and waiting for the engine; otherwise its final status. */
    CommandResult.Status status;
    RejectReason reject;
    /** What the engine said (in the event arena). */
    final EventSlice events = new EventSlice();

    void publish(Command c, CommandCallback cb) {
        command = c;
        callback = cb;
        sequence = 0;
        timestampMs = 0;
        status = null;
        reject = RejectReason.NONE;
    }

    boolean applied() {
        return status == CommandResult.Status.ACCEPTED || status == CommandResult.Status.REJECTED;
    }
}
