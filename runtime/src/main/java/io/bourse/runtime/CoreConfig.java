package io.bourse.runtime;

import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * How the durable core runs.
 *
 * @param dataDir         holds {@code journal/}, {@code snapshots/} and {@code journal-archive/}
 * @param journal         segment size, fsync policy (GROUP by default; NONE for benchmarks only), write buffer
 * @param ringSize        commands in flight between submitters and the slowest consumer (a power of two); a
 *                        consumer may lag this far behind before submitters wait
 * @param snapshotEvery   the engine's state is snapshotted after this many commands (and at shutdown)
 * @param snapshotsToKeep older snapshots are deleted
 * @param retention       what happens to journal segments older than the oldest kept snapshot
 * @param waitMode        how pipeline threads wait for work
 * @param clock           stamps command times
 * @param feeAccountId    the account fees are credited to (used when starting from an empty journal)
 */
public record CoreConfig(Path dataDir, JournalConfig journal, int ringSize, long snapshotEvery, int snapshotsToKeep,
                         Retention retention, WaitMode waitMode, InstantSource clock, long feeAccountId) {

    /** What to do with journal segments whose every record is covered by the oldest kept snapshot. */
    public enum Retention {
        /** Keep every segment (the journal is the complete audit trail; disk use grows). */
        KEEP,
        /** Move them to {@code journal-archive/} (the default: off the recovery path, still on disk). */
        ARCHIVE,
        /** Delete them. */
        DELETE
    }

    /** How pipeline threads wait: trading CPU for latency. */
    public enum WaitMode {
        /** Spin briefly, then park until the stage ahead wakes it: near-zero CPU when idle (the default). */
        PARKING,
        /**
         * The Disruptor's sleeping strategy: spin, yield, then sleep ~0.1 ms at a time. Lower median latency at low
         * rates, but an idle pipeline burns most of a CPU. (The Disruptor's blocking strategies were measured 2×
         * slower here: a stage waiting for another stage spins, since only publishers signal.)
         */
        SLEEPING,
        /** Spin and yield: lowest latency, burns a core per thread; only with cores to spare. */
        YIELDING
    }

    public CoreConfig {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two: " + ringSize);
        }
        if (snapshotEvery < 1 || snapshotsToKeep < 1) {
            throw new IllegalArgumentException("snapshotEvery and snapshotsToKeep must be positive");
        }
    }

    public static CoreConfig defaults(Path dataDir) {
        return new CoreConfig(dataDir, JournalConfig.defaults(FsyncPolicy.GROUP), 1 << 16, 1_000_000, 3,
                Retention.ARCHIVE, WaitMode.PARKING, InstantSource.system(), 0);
    }

    public CoreConfig withJournal(JournalConfig journalConfig) {
        return new CoreConfig(dataDir, journalConfig, ringSize, snapshotEvery, snapshotsToKeep, retention, waitMode,
                clock, feeAccountId);
    }

    public CoreConfig withFsync(FsyncPolicy policy) {
        return withJournal(journal.withFsync(policy));
    }

    public CoreConfig withRingSize(int size) {
        return new CoreConfig(dataDir, journal, size, snapshotEvery, snapshotsToKeep, retention, waitMode, clock,
                feeAccountId);
    }

    public CoreConfig withSnapshots(long every, int keep) {
        return new CoreConfig(dataDir, journal, ringSize, every, keep, retention, waitMode, clock, feeAccountId);
    }

    public CoreConfig withRetention(Retention policy) {
        return new CoreConfig(dataDir, journal, ringSize, snapshotEvery, snapshotsToKeep, policy, waitMode, clock,
                feeAccountId);
    }

    public CoreConfig withWaitMode(WaitMode mode) {
        return new CoreConfig(dataDir, journal, ringSize, snapshotEvery, snapshotsToKeep, retention, mode, clock,
                feeAccountId);
    }

    /**
     * Size of the array the engine writes events into (1 KiB per ring slot, at least 4 MiB; the benchmark
     * workload averages ~350 bytes per command): it holds the events of every command still in the ring, so the
     * engine rarely waits for a slow reader before reusing it.
     */
    public int eventArenaBytes() {
        return (int) Math.min(1 << 30, Math.max(4L << 20, ringSize * 1024L));
    }

    public Path journalDir() {
        return dataDir.resolve("journal");
    }

    public Path snapshotDir() {
        return dataDir.resolve("snapshots");
    }

    public Path archiveDir() {
        return dataDir.resolve("journal-archive");
    }
}
