package io.bourse.runtime.pipeline;

import io.bourse.engine.RejectReason;
import io.bourse.engine.event.EngineEvent;
import io.bourse.runtime.event.EventBuffer;

import java.util.List;

/**
 * What became of a submitted command.
 *
 * @param sequence    its journal sequence (0 if it never got one)
 * @param timestampMs the time the sequencer stamped on it
 * @param reject      why the engine refused it; {@link RejectReason#NONE} unless {@code status} is REJECTED
 * @param encodedEvents everything the engine said while applying it, still encoded
 */
public record CommandResult(long sequence, long timestampMs, Status status, RejectReason reject,
                            EventBuffer.Events encodedEvents) {

    /** Everything the engine said while applying the command (decoded on each call). */
    public List<EngineEvent> events() {
        return encodedEvents.decode();
    }

    public enum Status {
        /** Journaled durably and applied: the engine accepted it. */
        ACCEPTED,
        /** Journaled durably and applied: the engine refused it ({@code reject} says why); nothing changed. */
        REJECTED,
        /**
         * The journal failed while writing it: it may or may not be on the disk, so after a restart it may or may
         * not have happened (Binance's -1007 "execution status unknown"). The exchange stops accepting commands.
         */
        UNKNOWN,
        /** Not taken at all (the exchange is stopping or stopped after a journal failure); nothing happened. */
        REFUSED
    }

    static CommandResult notApplied(Status status) {
        return new CommandResult(0, 0, status, RejectReason.NONE, EventBuffer.Events.NONE);
    }
}
