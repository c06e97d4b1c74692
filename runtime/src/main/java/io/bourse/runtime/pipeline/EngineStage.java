package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import io.bourse.engine.Engine;
import io.bourse.engine.RejectReason;
import io.bourse.engine.event.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Applies journaled commands to the engine, on one thread, recording what it says into the slot. Every
 * {@code snapshotEvery} commands it captures the engine's state (here, where the state is consistent) and hands
 * the bytes on to be written elsewhere.
 */
final class EngineStage implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(EngineStage.class);

    private final Engine engine;
    private final EventRecorder recorder;
    private final long snapshotEvery;
    private final Consumer<Engine> snapshot;
    private final Runnable onFailure;
    private long sinceSnapshot;
    private boolean failed;

    EngineStage(Engine engine, EventRecorder recorder, long snapshotEvery, Consumer<Engine> snapshot,
                Runnable onFailure) {
        this.engine = engine;
        this.recorder = recorder;
        this.snapshotEvery = snapshotEvery;
        this.snapshot = snapshot;
        this.onFailure = onFailure;
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("bourse-engine");
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (slot.status != null) {
            return;
        }
        if (failed) {
            slot.status = CommandResult.Status.UNKNOWN;
            return;
        }
        slot.events.clear();
        recorder.recordInto(slot.events);
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
            recorder.recordInto(null);
        }
        if (++sinceSnapshot >= snapshotEvery) {
            sinceSnapshot = 0;
            snapshot.accept(engine);
        }
    }
}
