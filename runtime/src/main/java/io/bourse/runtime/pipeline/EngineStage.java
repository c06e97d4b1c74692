package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.bourse.engine.Engine;
import io.bourse.engine.RejectReason;
import io.bourse.runtime.event.EventArena;
import io.bourse.runtime.event.EventBuffer;
import io.bourse.runtime.event.EventWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Applies commands to the engine, on one thread, while the journal stage writes them (readers wait for both),
 * recording what the engine says into the event arena. Every
 * {@code snapshotEvery} commands it captures the engine's state (here, where the state is consistent) and hands
 * the bytes on to be written elsewhere.
 */
final class EngineStage implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(EngineStage.class);

    private final Engine engine;
    private final EventWriter events;
    private final long snapshotEvery;
    private final Consumer<Engine> snapshot;
    private final Runnable onFailure;
    /** Writes the current command's events straight into the arena. */
    private final EventBuffer current = new EventBuffer();
    private final EventArena arena;
    private final LongSupplier readersDone;
    /** Wakes the stages behind this one once it has released its sequence. */
    private final Runnable wakeBehind;
    private Sequence progress = new Sequence();
    private final Stamps stamps;
    private long sinceSnapshot;
    private boolean failed;

    EngineStage(Engine engine, Stamps stamps, EventWriter events, EventArena arena, LongSupplier readersDone,
                Runnable wakeBehind, long snapshotEvery, Consumer<Engine> snapshot, Runnable onFailure) {
        this.engine = engine;
        this.stamps = stamps;
        this.events = events;
        this.arena = arena;
        this.readersDone = readersDone;
        this.wakeBehind = wakeBehind;
        this.snapshotEvery = snapshotEvery;
        this.snapshot = snapshot;
        this.onFailure = onFailure;
    }

    /** Lets the engine tell readers mid-batch how far it got, so it can wait for them without a deadlock. */
    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.progress = sequenceCallback;
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("bourse-engine");
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (failed) {
            slot.status = CommandResult.Status.UNKNOWN;
            if (endOfBatch) {
                release(ringSequence);
            }
            return;
        }
        slot.sequence = stamps.sequence(ringSequence);
        slot.timestampMs = stamps.time(slot);
        arena.reserve(current, readersDone, () -> release(ringSequence - 1));
        events.writeInto(current);
        try {
            RejectReason reject = engine.apply(slot.sequence, slot.timestampMs, slot.command);
            slot.reject = reject;
            slot.status = reject == RejectReason.NONE ? CommandResult.Status.ACCEPTED : CommandResult.Status.REJECTED;
        } catch (RuntimeException e) {
            // An engine bug: its state can no longer be trusted, and the journal holds the command that caused it.
            LOG.error("engine failed on command {} {}; the exchange stops", slot.sequence, slot.command, e);
            failed = true;
            slot.status = CommandResult.Status.UNKNOWN;
            onFailure.run();
        } finally {
            events.writeInto(null);
        }
        arena.commit(current, ringSequence, slot.events);
        if (++sinceSnapshot >= snapshotEvery) {
            sinceSnapshot = 0;
            snapshot.accept(engine);
        }
        if (endOfBatch) {
            release(ringSequence);
        }
    }

    /** Lets the readers see everything up to {@code ringSequence} now, and wakes them. */
    private void release(long ringSequence) {
        progress.set(ringSequence);
        wakeBehind.run();
    }
}
