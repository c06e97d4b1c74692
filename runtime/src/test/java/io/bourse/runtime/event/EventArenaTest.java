package io.bourse.runtime.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arena never overwrites events a reader has not finished: a lagging reader is simulated in one thread, and the
 * engine's "release before waiting" hook is where the reader catches up. Many laps, commands of every size, some
 * too big for a reservation.
 */
class EventArenaTest {
    private record Written(long sequence, EventSlice slice, int length) {
    }

    private final Deque<Written> unread = new ArrayDeque<>();
    private long readersDone = -1;
    private int waits;

    @Test
    void eventsSurviveUntilEveryReaderIsDoneWithThem() {
        EventArena arena = new EventArena(4 << 20);
        EventBuffer buffer = new EventBuffer();
        Random rnd = new Random(7);
        int lag = 20_000; // about 20 MB of events behind: the reader is always far behind the 4 MB arena
        for (long seq = 0; seq < 200_000; seq++) {
            long current = seq;
            arena.reserve(buffer, () -> readersDone, () -> readUpTo(current - 1));
            int length = rnd.nextInt(500) == 0 ? 70_000 + rnd.nextInt(50_000) : 1 + rnd.nextInt(2_000);
            buffer.startEvent(length);
            for (int i = 0; i < length; i++) {
                buffer.put(pattern(seq, i));
            }
            EventSlice slice = new EventSlice();
            arena.commit(buffer, seq, slice);
            unread.add(new Written(seq, slice, length));
            if (unread.size() > lag) {
                readUpTo(unread.peekFirst().sequence());
            }
        }
        readUpTo(Long.MAX_VALUE);
        assertThat(waits).as("the engine had to wait for the reader").isPositive();
    }

    /** The reader checks every unread command up to {@code sequence}, byte for byte, then moves on. */
    private void readUpTo(long sequence) {
        if (sequence > readersDone + 1) {
            waits++;
        }
        while (!unread.isEmpty() && unread.peekFirst().sequence() <= sequence) {
            Written w = unread.removeFirst();
            byte[] bytes = w.slice().copy().bytes();
            assertThat(bytes).as("command " + w.sequence()).hasSize(w.length());
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != pattern(w.sequence(), i)) {
                    throw new AssertionError("command " + w.sequence() + " overwritten at byte " + i);
                }
            }
            readersDone = w.sequence();
        }
    }

    private static byte pattern(long sequence, int i) {
        return (byte) (sequence * 31 + i * 7);
    }
}
