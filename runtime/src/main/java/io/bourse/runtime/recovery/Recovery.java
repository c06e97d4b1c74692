package io.bourse.runtime.recovery;

import io.bourse.engine.Engine;
import io.bourse.engine.command.Command;
import io.bourse.journal.Journal;
import io.bourse.runtime.event.EventBuffer;
import io.bourse.runtime.event.EventWriter;
import io.bourse.runtime.pipeline.EventConsumer;
import io.bourse.runtime.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Rebuilds the engine at start: the newest readable snapshot (no newer than what every consumer has applied,
 * so each can be handed what it missed), then the journal after it. Consumers receive exactly the commands
 * after their own last applied sequence.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final long CATCH_UP_BATCH_MASK = (1 << 16) - 1;

    /**
     * @param engine           the engine, at {@code lastSequence}
     * @param events           the engine's listener (the pipeline records events through it)
     * @param snapshotSequence the snapshot it started from, or 0 for none
     * @param replayed         journal records replayed on top of it
     */
    public record Recovered(Engine engine, EventWriter events, long snapshotSequence, long replayed,
                            long lastSequence, double seconds) {
    }

    private Recovery() {
    }

    /**
     * @param archiveDir where pruned journal segments were moved, read only if the records needed are no longer
     *                   in the journal itself (may be null or missing)
     */
    public static Recovered recover(Journal journal, Path archiveDir, SnapshotStore snapshots, long feeAccountId,
                                    List<EventConsumer> consumers) throws IOException {
        long target = journal.lastSequence();
        List<EventConsumer> catchingUp = consumers.stream()
                .filter(c -> c.lastAppliedSequence() != EventConsumer.FROM_NOW).toList();
        long needFrom = target;
        for (EventConsumer c : catchingUp) {
            needFrom = Math.min(needFrom, c.lastAppliedSequence());
        }
        EventWriter recorder = new EventWriter();
        Engine engine;
        long from;
        var loaded = snapshots.loadNewest(needFrom, recorder);
        if (loaded.isPresent()) {
            engine = loaded.get().engine();
            from = loaded.get().sequence();
            LOG.info("recovery: snapshot at sequence {} loaded", from);
        } else {
            engine = new Engine(recorder, feeAccountId);
            from = 0;
        }
        Journal source = journal;
        if (from < target && journal.firstSequence() > from + 1 && archiveDir != null) {
            source = Journal.openReadOnly(journal.directory(), archiveDir);
            LOG.info("recovery: reading archived journal segments in {}", archiveDir);
        }
        if (from < target && source.firstSequence() > from + 1) {
            throw new IOException("cannot recover: the journal starts at sequence " + source.firstSequence()
                    + " but the newest usable snapshot is at " + from + " (needed by "
                    + (needFrom < target ? "a consumer at sequence " + needFrom : "the engine") + ")");
        }
        ReplayProgress progress = new ReplayProgress(LOG, "recovery", from, target);
        EventBuffer events = new EventBuffer();
        Engine replaying = engine;
        TwoThreadReplay.run(source, from, (sequence, timestampMs, command) -> {
            boolean wanted = false;
            for (EventConsumer c : catchingUp) {
                wanted |= sequence > c.lastAppliedSequence();
            }
            events.clear();
            recorder.writeInto(wanted ? events : null);
            replaying.reportBalances(wanted);
            replaying.apply(sequence, timestampMs, command);
            recorder.writeInto(null);
            if (wanted) {
                for (EventConsumer c : catchingUp) {
                    if (sequence > c.lastAppliedSequence()) {
                        c.onCommand(sequence, timestampMs, command, events);
                        if ((sequence & CATCH_UP_BATCH_MASK) == 0) {
                            c.onBatchEnd(); // lets a consumer catching up on millions of commands flush as it goes
                        }
                    }
                }
            }
            progress.record(sequence);
        });
        engine.reportBalances(true);
        for (EventConsumer c : catchingUp) {
            try {
                c.onBatchEnd();
            } catch (Exception e) {
                throw new IOException("consumer " + c.name() + " failed while catching up", e);
            }
        }
        if (engine.lastSequence() != Math.max(target, from) && target > 0) {
            throw new IOException("recovery ended at sequence " + engine.lastSequence() + ", journal at " + target);
        }
        LOG.info(String.format(Locale.ROOT, "recovery: at sequence %d (snapshot %d + %,d journal records in %.2f s)",
                target, from, progress.done(), progress.seconds()));
        return new Recovered(engine, recorder, from, progress.done(), Math.max(target, from), progress.seconds());
    }
}
