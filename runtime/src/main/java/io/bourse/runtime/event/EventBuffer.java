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

    private byte[] own = new byte[256];
    private byte[] bytes = own;
    private int start;
    private int position;
    private int limit = own.length;
    private int count;

    /** Empties the buffer; events go to its own array. */
    public void clear() {
        writeAt(own, 0, own.length);
    }

    /** Empties the buffer; events go to {@code array} from {@code offset}, moving to an own array past {@code end}. */
    void writeAt(byte[] array, int offset, int end) {
        bytes = array;
        start = offset;
        position = offset;
        limit = end;
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
        return EventWriter.decode(bytes, start, position - start, count);
    }

    @Override
    public void rewind(EventCursor cursor) {
        cursor.reset(bytes, start, position - start);
    }

    /** A copy of the encoded events, to keep after the buffer is reused. */
    public Events copy() {
        return new Events(Arrays.copyOfRange(bytes, start, position), count);
    }

    byte[] array() {
        return bytes;
    }

    /** Bytes written since the last clear; they start at 0 unless the buffer writes into an arena. */
    int length() {
        return position - start;
    }

    /** Starts an event of at most {@code maxBytes}. */
    EventBuffer startEvent(int maxBytes) {
        if (limit - position < maxBytes) {
            int length = position - start;
            byte[] target = own;
            if (bytes == own || own.length < length + maxBytes) {
                target = new byte[Math.max(length + maxBytes, 2 * (limit - start))];
            }
            System.arraycopy(bytes, start, target, 0, length);
            own = target;
            bytes = target;
            start = 0;
            position = length;
            limit = target.length;
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
