package io.bourse.runtime.pipeline;

/**
 * The sequence number and time of each command. The journal stage and the engine stage run in parallel and each
 * keeps its own copy of this, fed the same slots in ring order: one rule here is what makes the journal and the
 * engine agree on both without talking to each other.
 */
final class Stamps {
    private final long firstSequence;
    private long lastTimestampMs;

    /**
     * @param firstSequence   the journal sequence of ring slot 0
     * @param lastTimestampMs the time of the last command before this run (times never go backwards)
     */
    Stamps(long firstSequence, long lastTimestampMs) {
        this.firstSequence = firstSequence;
        this.lastTimestampMs = lastTimestampMs;
    }

    long sequence(long ringSequence) {
        return firstSequence + ringSequence;
    }

    /** Call once per slot, in ring order. */
    long time(CommandSlot slot) {
        lastTimestampMs = Math.max(lastTimestampMs, slot.submittedMs);
        return lastTimestampMs;
    }
}
