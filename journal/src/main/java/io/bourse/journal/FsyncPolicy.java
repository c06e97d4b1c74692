package io.bourse.journal;

/** When the journal forces written records to the disk. */
public enum FsyncPolicy {
    /** One fsync per batch: every record that arrived while the previous fsync ran shares the next one. */
    GROUP,
    /**
     * Never fsync: an operating-system crash or power loss can lose acknowledged commands. For benchmarks that
     * measure everything but the disk; the journal logs a warning when opened this way.
     */
    NONE
}
