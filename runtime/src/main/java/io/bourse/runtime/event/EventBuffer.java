package io.bourse.runtime.event;

import io.bourse.engine.event.EngineEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The events of one command in binary form (see {@link EventWriter}), in a reusable growable array: the engine
 * thread writes them without allocating; readers decode them when, and if, they need them. Writes go through
 * little-endian array views with one capacity check per event rather than per field.
 */
public final class EventBuffer implements EncodedEvents {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle CHARS = MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[256];
    private int position;
    private int count;

    public void clear() {
        position = 0;
        count = 0;
    }

    /** Events written since the last {@link #clear()}. */
    @Override
    public int count() {
        return count;
    }

    /** The events, decoded into new objects. */
    @Override
    public List<EngineEvent> decode() {
        return EventWriter.decode(bytes, 0, position, count);
    }

    @Override
    public void rewind(EventCursor cursor) {
        cursor.reset(bytes, 0, position);
    }

    /** A copy of the encoded events, to keep after the buffer is reused. */
    public Events copy() {
        return new Events(Arrays.copyOf(bytes, position), count);
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return position;
    }

    /** Starts an event of at most {@code maxBytes}. */
    EventBuffer startEvent(int maxBytes) {
        if (bytes.length - position < maxBytes) {
            bytes = Arrays.copyOf(bytes, Math.max(position + maxBytes, bytes.length * 2));
        }
        count++;
        return this;
    }

    EventBuffer put(byte v) {
        bytes[position++] = v;
        return this;
    }

    EventBuffer putInt(int v) {
        INTS.set(bytes, position, v);
        position += 4;
        return this;
    }

    EventBuffer putLong(long v) {
        LONGS.set(bytes, position, v);
        position += 8;
        return this;
    }

    EventBuffer putChar(char v) {
        CHARS.set(bytes, position, v);
        position += 2;
        return this;
    }

    EventBuffer putBytes(byte[] v) {
        System.arraycopy(v, 0, bytes, position, v.length);
        position += v.length;
        return this;
    }

    /** Encoded events kept beyond the command that produced them. */
    public record Events(byte[] bytes, int count) implements EncodedEvents {
        public static final Events NONE = new Events(new byte[0], 0);

        @Override
        public List<EngineEvent> decode() {
            return EventWriter.decode(bytes, 0, bytes.length, count);
        }

        @Override
        public void rewind(EventCursor cursor) {
            cursor.reset(bytes, 0, bytes.length);
        }
    }
}
