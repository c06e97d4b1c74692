package io.bourse.api.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Market-stream frames for the connections of one event loop, written with one socket write per connection per
 * round rather than one per frame.
 *
 * <p>Any thread may {@link #offer} a frame; the event loop then walks its connections and writes each one every frame
 * it has not yet had and is subscribed to, flushing once. Frames offered while a round is under way join it for the
 * connections not yet reached and start another round for the others. So at a quiet moment each frame costs one
 * write per subscriber, as before, and when frames pile up (a trade during a depth burst, a busy market) a
 * connection gets several in one write: the socket write, not the encoding, is most of the cost of a frame (about
 * 10 µs of kernel time each on a two-core machine), so batching is what keeps the fan-out caught up.
 *
 * <p>Each frame is encoded once, as the complete WebSocket frame (a server's frames are not masked, so every
 * connection gets the same bytes), in both the raw and the combined-stream form, into direct buffers that every
 * connection's write shares: no per-connection frame object, header encoding, allocation or copy.
 */
final class FanOut {
    /**
     * One message of one stream, in both of the forms a connection may want, as complete WebSocket text frames.
     * Its buffers hold one reference per {@link FanOut} it is offered to; each releases its own once done with it.
     */
    record Frame(String stream, ByteBuf raw, ByteBuf wrapped) {
        static Frame of(String stream, String payload, int fanOuts) {
            Frame f = new Frame(stream, encode(payload), encode(StreamConnection.wrap(stream, payload)));
            if (fanOuts > 1) {
                f.raw.retain(fanOuts - 1);
                f.wrapped.retain(fanOuts - 1);
            }
            return f;
        }

        void release() {
            raw.release();
            wrapped.release();
        }

        /** A final, unmasked text frame (RFC 6455 §5.2) carrying {@code text}. */
        static ByteBuf encode(String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            int n = payload.length;
            int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
            ByteBuf frame = Unpooled.directBuffer(header + n);
            frame.writeByte(0x81);   // FIN, text
            if (n < 126) {
                frame.writeByte(n);
            } else if (n <= 0xFFFF) {
                frame.writeByte(126).writeShort(n);
            } else {
                frame.writeByte(127).writeLong(n);
            }
            return frame.writeBytes(payload);
        }
    }

    private final Executor eventLoop;
    private final Queue<Frame> offered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Frames of the current rounds; the i-th has sequence {@code base + i}. Touched only on the event loop. */
    private final List<Frame> log = new ArrayList<>();
    private long base;
    private final List<StreamConnection> connections = new ArrayList<>();

    FanOut(Executor eventLoop) {
        this.eventLoop = eventLoop;
    }

    /** Queues a frame for every subscriber on this loop (any thread). */
    void offer(Frame frame) {
        offered.add(frame);
        if (scheduled.compareAndSet(false, true)) {
            eventLoop.execute(this::drain);
        }
    }

    /** Adds a connection (on the event loop); it gets frames offered from now on. */
    void add(StreamConnection c) {
        c.nextFrame = base + log.size();
        c.fanOutIndex = connections.size();
        connections.add(c);
    }

    /** Removes a closed connection (on the event loop, never during a round): the last one takes its place. */
    void remove(StreamConnection c) {
        int i = c.fanOutIndex;
        if (i < 0 || i >= connections.size() || connections.get(i) != c) {
            return;
        }
        StreamConnection last = connections.removeLast();
        if (last != c) {
            connections.set(i, last);
            last.fanOutIndex = i;
        }
        c.fanOutIndex = -1;
    }

    private void drain() {
        scheduled.set(false);
        pullOffered();
        int roundStart = -1;
        // a round ends with every connection given the log up to its turn; frames that arrived during it need
        // another round for the connections served before them
        while (roundStart < log.size()) {
            roundStart = log.size();
            for (int i = 0; i < connections.size(); i++) {
                pullOffered();
                send(connections.get(i));
            }
            pullOffered();
        }
        base += log.size();
        log.forEach(Frame::release);
        log.clear();
    }

    private void pullOffered() {
        for (Frame f = offered.poll(); f != null; f = offered.poll()) {
            log.add(f);
        }
    }

    /** Writes the connection every logged frame it has not had and wants, then flushes once. */
    private void send(StreamConnection c) {
        long end = base + log.size();
        if (c.nextFrame >= end) {
            return;
        }
        long from = Math.max(c.nextFrame, base);
        c.nextFrame = end;
        ChannelHandlerContext ctx = c.channel;
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean wrote = false;
        for (long s = from; s < end; s++) {
            Frame f = log.get((int) (s - base));
            if (c.subscriptions.contains(f.stream())) {
                ctx.write((c.combined ? f.wrapped() : f.raw()).retainedDuplicate(), ctx.voidPromise());
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                c.closeTooSlow();
            }
        }
    }
}
