package io.bourse.runtime.event;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Where the pipeline keeps the encoded events of recent commands: back to back in one large array reused in a
 * circle, so the engine writes and readers read sequential memory (one buffer per ring slot was measured twice as
 * slow: every command touched cold memory). The engine writes a command's events straight into a reserved
 * stretch of the arena ({@link #reserve}, then {@link #commit}); the array is tracked in chunks, and before the
 * engine enters a chunk again it waits until every reader has finished the last command that used it. A command
 * whose events outgrow the reservation gets an array of its own.
 */
public final class EventArena {
    private static final int CHUNKS = 64;
    /** Room reserved for one command's events: far more than any ordinary command says. */
    static final int RESERVATION = 64 * 1024;

    private final byte[] bytes;
    private final int chunkBytes;
    private final long[] lastWriter = new long[CHUNKS];
    private int position;
    /** The highest chunk entered (waited for) since the last wrap to the start. */
    private int entered = -1;

    /** @param bytes arena size; rounded to a multiple of 64 chunks, at least 64 reservations */
    public EventArena(int bytes) {
        this.chunkBytes = Math.max(RESERVATION, bytes / CHUNKS);
        this.bytes = new byte[chunkBytes * CHUNKS];
        Arrays.fill(lastWriter, -1);
    }

    /**
     * Points {@code events} at a free stretch of the arena for the command at {@code ringSequence}, waiting (rarely)
     * for readers still using it.
     *
     * @param readersDone the lowest ring sequence every reader has finished (polled while waiting)
     * @param beforeWait  called before any wait, so the caller can release what readers still need
     */
    public void reserve(EventBuffer events, LongSupplier readersDone, Runnable beforeWait) {
        if (position + RESERVATION > bytes.length) {
            position = 0;
            entered = -1;
        }
        int last = (position + RESERVATION - 1) / chunkBytes;
        for (int c = entered + 1; c <= last; c++) {
            awaitReaders(lastWriter[c], readersDone, beforeWait);
            entered = c;
        }
        events.writeAt(bytes, position, position + RESERVATION);
    }

    /** Records where the command's events ended up (in the arena, or in their own array if they outgrew it). */
    public void commit(EventBuffer events, long ringSequence, EventSlice into) {
        int length = events.length();
        if (events.array() != bytes) {
            into.set(Arrays.copyOf(events.array(), length), 0, length, events.count());
            return;
        }
        int last = (position + Math.max(length, 1) - 1) / chunkBytes;
        for (int c = position / chunkBytes; c <= last; c++) {
            lastWriter[c] = ringSequence;
        }
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
