package io.bourse.api.stream;

import io.bourse.api.userstream.UserSink;
import io.bourse.api.userstream.UserStreams;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's WebSocket: its subscriptions, whether payloads are wrapped ({@code /stream}) or raw, and the event
 * loop it lives on (frames are written from there: see {@link StreamHub#publish}).
 */
final class StreamConnection {
    /** Bytes a client may have queued before it counts as too slow and is disconnected. */
    private static final int MAX_QUEUED_BYTES = 4 * 1024 * 1024;

    final ServerWebSocket socket;
    /** Where {@link FanOut} writes market frames (bypassing Vert.x's per-message flush). */
    final ChannelHandlerContext channel;
    /** Sequence of the next {@link FanOut} frame this connection has not been given (event loop only). */
    long nextFrame;
    /** Place in its {@link FanOut}'s list, or -1 once removed (event loop only). */
    int fanOutIndex = -1;
    /** The event loop thread the connection lives on (Vert.x gives each connection its own context on it). */
    final Executor eventLoop;
    final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    volatile boolean combined;
    /** Which 100 ms slot of the 20 s ping cycle this connection is pinged in. */
    final int pingSlot;

    private final int messagesPerSecond;
    private long second;
    private int messages;

    StreamConnection(ServerWebSocket socket, Executor eventLoop, boolean combined, int messagesPerSecond,
                     int pingSlot) {
        this.socket = socket;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
        this.eventLoop = eventLoop;
        this.combined = combined;
        this.messagesPerSecond = messagesPerSecond;
        this.pingSlot = pingSlot;
        socket.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
    }

    /**
     * Counts an incoming frame (on the connection's event loop); a client sending more than its messages per second
     * is disconnected, as Binance does. Returns whether the frame may be handled.
     */
    boolean countIncoming(long nowMs) {
        long s = nowMs / 1000;
        if (s != second) {
            second = s;
            messages = 0;
        }
        if (++messages > messagesPerSecond) {
            socket.close((short) 1008, "Too many messages");
            return false;
        }
        return true;
    }

    private volatile String listenKey;
    private volatile long listenUser;
    private volatile UserSink sink;

    /** Starts sending the user's events (as stream {@code key}) on this connection. */
    void listenTo(String key, long userId, UserStreams streams) {
        stopListening(streams);
        UserSink s = event -> send(key, event);
        this.listenKey = key;
        this.listenUser = userId;
        this.sink = s;
        streams.attach(userId, s);
    }

    void stopListening(UserStreams streams) {
        UserSink s = sink;
        if (s != null) {
            streams.detach(listenUser, s);
            sink = null;
            listenKey = null;
        }
    }

    /** The listen key this connection follows, or null. */
    String listenKey() {
        return listenKey;
    }

    /** Sends one event of {@code stream}, wrapped if this connection is combined. */
    void send(String stream, String payload) {
        write(combined ? wrap(stream, payload) : payload);
    }

    /** The payload as a combined stream carries it (built once per message, not once per connection). */
    static String wrap(String stream, String payload) {
        return "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}";
    }

    /** Writes a frame; a client that lets too much pile up is too slow and is disconnected (1008). */
    void write(String text) {
        if (socket.isClosed()) {
            return;
        }
        if (socket.writeQueueFull()) {
            closeTooSlow();
            return;
        }
        socket.writeTextMessage(text);
    }

    /** Disconnects a client that let more than {@link #MAX_QUEUED_BYTES} pile up (1008), as Binance does. */
    void closeTooSlow() {
        socket.close((short) 1008, "too slow");
    }
}
