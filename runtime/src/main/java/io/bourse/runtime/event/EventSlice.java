package io.bourse.runtime.event;

import io.bourse.engine.event.EngineEvent;

import java.util.Arrays;
import java.util.List;

/** Where one command's encoded events are (usually a stretch of the {@link EventArena}): a reusable view. */
public final class EventSlice implements EncodedEvents {
    private static final byte[] EMPTY = new byte[0];

    private byte[] array = EMPTY;
    private int offset;
    private int length;
    private int count;

    void set(byte[] bytes, int from, int bytesLength, int events) {
        this.array = bytes;
        this.offset = from;
        this.length = bytesLength;
        this.count = events;
    }

    public void clear() {
        set(EMPTY, 0, 0, 0);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public List<EngineEvent> decode() {
        return EventWriter.decode(array, offset, length, count);
    }

    @Override
    public void rewind(EventCursor cursor) {
        cursor.reset(array, offset, length);
    }

    /** A copy to keep after the slice is reused. */
    public EventBuffer.Events copy() {
        return count == 0 ? EventBuffer.Events.NONE
                : new EventBuffer.Events(Arrays.copyOfRange(array, offset, offset + length), count);
    }
}
