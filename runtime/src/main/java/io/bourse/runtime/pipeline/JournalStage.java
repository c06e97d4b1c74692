package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.bourse.journal.JournalWriter;
import io.bourse.runtime.codec.CommandCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The sequencer proper: stamps each command with the next journal sequence and the time, appends it, and at the
 * end of every batch commits (one fsync for the whole batch). The engine applies the same commands meanwhile, in
 * parallel (LMAX style); readers see a command only once both are done, so nothing is told that is not on the disk.
 * The sequence and time are derived from the slot (ring position, submit time) the same way here and in the engine
 * stage. After a write failure it writes nothing more: commands of the failed batch are UNKNOWN, later ones
 * REFUSED (the engine may have applied them in memory; the core stops and a restart recovers from the disk).
 */
final class JournalStage implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStage.class);

    private final JournalWriter writer;
    private final Stamps stamps;
    private final Runnable onFailure;
    private RingBuffer<CommandSlot> ring;
    private ByteBuffer encoded = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    /** Wakes the stages behind this one once it has released its sequence. */
    private final Runnable wakeBehind;
    private Sequence progress = new Sequence();
    private long batchStart = -1;
    private boolean failed;

    JournalStage(JournalWriter writer, Stamps stamps, Runnable wakeBehind, Runnable onFailure) {
        this.writer = writer;
        this.stamps = stamps;
        this.wakeBehind = wakeBehind;
        this.onFailure = onFailure;
    }

    void ring(RingBuffer<CommandSlot> ringBuffer) {
        this.ring = ringBuffer;
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("bourse-journal");
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (batchStart < 0) {
            batchStart = ringSequence;
        }
        if (failed) {
            slot.journalFailure = CommandResult.Status.REFUSED;
        } else {
            try {
                writer.append(stamps.sequence(ringSequence), stamps.time(slot), CommandCodec.RECORD_TYPE,
                        encode(slot));
            } catch (IOException e) {
                fail(e, ringSequence);
            }
        }
        if (endOfBatch) {
            if (!failed) {
                try {
                    writer.commit();
                } catch (IOException e) {
                    fail(e, ringSequence);
                }
            }
            batchStart = -1;
            progress.set(ringSequence);
            wakeBehind.run();
        }
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.progress = sequenceCallback;
    }

    private ByteBuffer encode(CommandSlot slot) {
        while (true) {
            encoded.clear();
            try {
                CommandCodec.encode(slot.command, encoded);
                return encoded.flip();
            } catch (BufferOverflowException e) {
                encoded = ByteBuffer.allocate(encoded.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    /** Everything of this batch that was appended may or may not be on the disk. */
    private void fail(IOException e, long upTo) {
        LOG.error("journal write failed; the exchange stops accepting commands (outcome of {} in-flight command(s) "
                + "unknown)", upTo - batchStart + 1, e);
        failed = true;
        for (long s = batchStart; s <= upTo; s++) {
            ring.get(s).journalFailure = CommandResult.Status.UNKNOWN;
        }
        onFailure.run();
    }
}
