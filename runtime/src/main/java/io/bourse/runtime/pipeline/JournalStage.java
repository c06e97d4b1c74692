package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import io.bourse.journal.JournalWriter;
import io.bourse.runtime.codec.CommandCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.InstantSource;

/**
 * The sequencer proper: stamps each command with the next journal sequence and the time, appends it, and at the
 * end of every batch commits (one fsync for the whole batch). The engine stage only sees a batch after that.
 * After a write failure it stamps nothing more: commands of the failed batch are UNKNOWN, later ones REFUSED.
 */
final class JournalStage implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStage.class);

    private static final int CLOCK_EVERY = 64;

    private final JournalWriter writer;
    private final InstantSource clock;
    private final Runnable onFailure;
    private RingBuffer<CommandSlot> ring;
    private ByteBuffer encoded = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    private final WaitStrategy waits;
    private Sequence progress = new Sequence();
    private long lastTimestampMs;
    private long batchStart = -1;
    private boolean failed;

    JournalStage(JournalWriter writer, InstantSource clock, long lastTimestampMs, WaitStrategy waits,
                 Runnable onFailure) {
        this.writer = writer;
        this.waits = waits;
        this.clock = clock;
        this.lastTimestampMs = lastTimestampMs;
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
            slot.status = CommandResult.Status.REFUSED;
        } else {
            try {
                long sequence = writer.nextSequence();
                long now = stamp(ringSequence);
                writer.append(sequence, now, CommandCodec.RECORD_TYPE, encode(slot));
                slot.sequence = sequence;
                slot.timestampMs = now;
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
            waits.signalAllWhenBlocking();
        }
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.progress = sequenceCallback;
    }

    /**
     * The command's time: the clock at the start of each batch and every {@value #CLOCK_EVERY} commands within it
     * (a clock read costs about as much as journaling a command), never earlier than the previous command's.
     */
    private long stamp(long ringSequence) {
        if (ringSequence == batchStart || (ringSequence & (CLOCK_EVERY - 1)) == 0) {
            lastTimestampMs = Math.max(lastTimestampMs, clock.millis());
        }
        return lastTimestampMs;
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
            CommandSlot pending = ring.get(s);
            if (pending.status == null) {
                pending.status = CommandResult.Status.UNKNOWN;
            }
        }
        onFailure.run();
    }
}
