package io.bourse.runtime.pipeline;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.Command;
import io.bourse.runtime.event.EventSlice;

/**
 * One entry of the ring: a command on its way through the journal and the engine (in parallel), then the
 * responder and consumers. Each field has one writer: the submitter, the journal stage or the engine stage.
 */
final class CommandSlot {
    /** Set by the submitter. */
    Command command;
    CommandCallback callback;
    long submittedMs;
    /** Set by the engine stage (the journal stage derives the same sequence and time on its own). */
    long sequence;
    long timestampMs;
    CommandResult.Status status;
    RejectReason reject;
    final EventSlice events = new EventSlice();
    /** Set by the journal stage: null once the command is on the disk, else UNKNOWN or REFUSED. */
    CommandResult.Status journalFailure;

    void publish(Command c, CommandCallback cb, long nowMs) {
        command = c;
        callback = cb;
        submittedMs = nowMs;
        sequence = 0;
        timestampMs = 0;
        status = null;
        reject = RejectReason.NONE;
        journalFailure = null;
    }

    /** Journaled and applied: its outcome and events may be told. */
    boolean applied() {
        return journalFailure == null
                && (status == CommandResult.Status.ACCEPTED || status == CommandResult.Status.REJECTED);
    }

    /** What the submitter hears: a journal failure outranks whatever the engine did in memory. */
    CommandResult.Status outcome() {
        return journalFailure != null ? journalFailure : status;
    }
}
