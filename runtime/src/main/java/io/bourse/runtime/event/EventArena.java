package io.bourse.runtime.event;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Where the pipeline keeps the encoded events of recent commands: back to back in one large array reused in a
 * circle, so the engine writes and readers read sequential memory (one buffer per ring slot was measured twice as
 * slow: every command touched cold memory). The array is tracked in chunks; before the engine writes into a chunk
 * again it waits until every reader has finished the last command that used it. A command with more events than
 * a quarter of the arena gets an array of its own.
 */
public final class EventArena {
    private static final int CHUNKS = 64;

    private final byte[] bytes;
    private final int chunkBytes;
    private final long[] lastWriter = new long[CHUNKS];
    private int position;
    private int currentChunk = -1;

    /** @param bytes arena size; rounded to a multiple of 64 chunks */
    public EventArena(int bytes) {
        this.chunkBytes = Math.max(1024, bytes / CHUNKS);
        this.bytes = new byte[chunkBytes * CHUNKS];
        Arrays.fill(lastWriter, -1);
    }

    /**
     * Copies {@code events} into the arena for the command at {@code ringSequence}.
     *
     * @param readersDone the lowest ring sequence every reader has finished (may be polled while waiting)
     * @param beforeWait  called once before any wait, so the caller can release what readers still need
     * @param into        set to where the bytes now are
     */
    public void append(EventBuffer events, long ringSequence, LongSupplier readersDone, Runnable beforeWait,
                       EventSlice into) {
        int length = events.length();
        if (length > bytes.length / 4) {
            into.set(Arrays.copyOf(events.array(), length), 0, length, events.count());
            return;
        }
        if (position + length > bytes.length) {
            position = 0;
        }
        int from = position / chunkBytes;
        int to = (position + Math.max(length, 1) - 1) / chunkBytes;
        for (int c = from; c <= to; c++) {
            if (c != currentChunk) {
                awaitReaders(lastWriter[c], readersDone, beforeWait);
                currentChunk = c;
            }
            lastWriter[c] = ringSequence;
        }
        System.arraycopy(events.array(), 0, bytes, position, length);
        into.set(bytes, position, length, events.count());
        position += length;
    }

    private static void awaitReaders(long sequence, LongSupplier readersDone, Runnable beforeWait) {
        if (sequence < 0 || readersDone.getAsLong() >= sequence) {
            return;
        }
        beforeWait.run();
        while (readersDone.getAsLong() < sequence) {
            LockSupport.parkNanos(20_000);
        }
    }
}
