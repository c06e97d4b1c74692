package io.bourse.runtime.pipeline;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;

import java.util.ArrayList;

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
    /** What the engine said; reused from lap to lap of the ring. */
    final ArrayList<EngineEvent> events = new ArrayList<>();

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
