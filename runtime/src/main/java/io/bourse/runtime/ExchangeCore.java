package io.bourse.runtime;

import io.bourse.engine.Engine;
import io.bourse.engine.command.Command;
import io.bourse.journal.Journal;
import io.bourse.journal.JournalWriter;
import io.bourse.runtime.pipeline.CommandCallback;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.runtime.pipeline.EventConsumer;
import io.bourse.runtime.pipeline.Pipeline;
import io.bourse.runtime.recovery.Recovery;
import io.bourse.runtime.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The durable core: recovers the engine from its data directory, then runs the pipeline that journals and
 * applies every submitted command and fans the results out. Submit from any thread; a command's callback runs once
 * it is durable and applied. {@link #close()} drains what was submitted, snapshots, and closes the journal.
 */
public final class ExchangeCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeCore.class);

    private final CoreConfig config;
    private final Journal journal;
    private final JournalWriter writer;
    private final SnapshotStore snapshots;
    private final Engine engine;
    private final Pipeline pipeline;
    private final ExecutorService snapshotWriter;
    private final Recovery.Recovered recovered;

    private ExchangeCore(CoreConfig config, List<EventConsumer> consumers) throws IOException {
        this.config = config;
        this.journal = Journal.open(config.journalDir());
        this.snapshots = new SnapshotStore(config.snapshotDir(), config.snapshotsToKeep());
        this.recovered = Recovery.recover(journal, config.archiveDir(), snapshots, config.feeAccountId(), consumers);
        this.engine = recovered.engine();
        for (EventConsumer c : consumers) {
            if (c.lastAppliedSequence() == EventConsumer.FROM_NOW) {
                c.startFrom(engine);
            }
        }
        this.writer = journal.writer(config.journal());
        this.snapshotWriter = Executors.newSingleThreadExecutor(r -> new Thread(r, "bourse-snapshots"));
        this.pipeline = new Pipeline(config, writer, engine, recovered.events(), consumers,
                this::snapshotFromEngineThread);
    }

    /** Recovers from {@code config.dataDir()} and starts accepting commands. */
    public static ExchangeCore start(CoreConfig config, List<EventConsumer> consumers) throws IOException {
        ExchangeCore core = new ExchangeCore(config, consumers);
        core.pipeline.start();
        LOG.info("core: accepting commands after sequence {} (data in {}, fsync {})", core.recovered.lastSequence(),
                config.dataDir(), config.journal().fsync());
        return core;
    }

    public Recovery.Recovered recovery() {
        return recovered;
    }

    /** Submits a command; {@code callback} hears its result on the responder thread (null: nobody listens). */
    public void submit(Command command, CommandCallback callback) {
        pipeline.submit(command, callback);
    }

    /**
     * Submits a command from an event loop: the pipeline is woken by a task on {@code sameThreadLater} after the
     * loop's current turn, once for every command submitted in that turn.
     */
    public void submit(Command command, CommandCallback callback, java.util.concurrent.Executor sameThreadLater) {
        pipeline.submit(command, callback, sameThreadLater);
    }

    /** Submits {@code count} commands from {@code commands[from]}, in order, in one claim of the ring. */
    public void submitBatch(Command[] commands, int from, int count, CommandCallback callback) {
        pipeline.submitBatch(commands, from, count, callback);
    }

    public CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        pipeline.submit(command, future::complete);
        return future;
    }

    /**
     * Sequence of the last command the journal has made durable. Every command acknowledged so far is at or below
     * it (an acknowledgement waits for the journal), so a reader that has reached it reflects everything any client
     * may already have been told.
     */
    public long durableSequence() {
        return writer.committedSequence();
    }

    /** Whether commands are accepted (false after a journal or engine failure, or once closing began). */
    public boolean accepting() {
        return pipeline.accepting();
    }

    /** How many submissions found the ring full and waited for the slowest stage or reader. */
    public long ringFullWaits() {
        return pipeline.ringFullWaits();
    }

    /** Commands each stage still has to process: journal, engine, responder, and every consumer by name. */
    public Map<String, Long> backlogs() {
        return pipeline.backlogs();
    }

    /** The engine, for inspection once {@link #close()} returned (it is not safe to read while running). */
    public Engine engineAfterClose() {
        if (pipeline.running()) {
            throw new IllegalStateException("the engine is running");
        }
        return engine;
    }

    /** Stops accepting, processes everything already submitted, writes a snapshot and closes the journal. */
    @Override
    public void close() throws IOException {
        boolean healthy = pipeline.stop();
        snapshotWriter.shutdown();
        try {
            snapshotWriter.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (healthy && !writer.failed() && engine.lastSequence() > 0) {
            writeSnapshot(engine.lastSequence(), SnapshotStore.capture(engine));
        }
        writer.close();
        LOG.info("core: stopped at sequence {}", engine.lastSequence());
    }

    private void snapshotFromEngineThread(Engine e) {
        long sequence = e.lastSequence();
        byte[] body = SnapshotStore.capture(e);
        snapshotWriter.execute(() -> {
            // The engine runs ahead of the journal: a snapshot may be written only once all it contains is on disk.
            while (writer.committedSequence() < sequence) {
                if (writer.failed()) {
                    LOG.warn("snapshot at sequence {} dropped: the journal failed before reaching it", sequence);
                    return;
                }
                LockSupport.parkNanos(1_000_000);
            }
            try {
                writeSnapshot(sequence, body);
            } catch (IOException ex) {
                LOG.error("snapshot at sequence {} could not be written (the journal still has everything)",
                        sequence, ex);
            }
        });
    }

    private synchronized void writeSnapshot(long sequence, byte[] body) throws IOException {
        if (snapshots.sequences().contains(sequence)) {
            return;
        }
        long oldestKept = snapshots.write(sequence, body);
        LOG.info("core: snapshot at sequence {} written ({} bytes)", sequence, body.length);
        switch (config.retention()) {
            case KEEP -> { }
            case ARCHIVE -> journal.prune(oldestKept, config.archiveDir());
            case DELETE -> journal.prune(oldestKept, null);
        }
    }
}
