package io.bourse.api.stream;

import io.bourse.api.userstream.UserSink;
import io.bourse.api.userstream.UserStreams;
import io.vertx.core.http.ServerWebSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One client's WebSocket: its subscriptions and whether payloads are wrapped ({@code /stream}) or raw. */
final class StreamConnection {
    /** Frames a client may have queued before it counts as too slow and is disconnected. */
    private static final int MAX_QUEUED_FRAMES = 10_000;

    final ServerWebSocket socket;
    final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    volatile boolean combined;
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    StreamConnection(ServerWebSocket socket, boolean combined) {
        this.socket = socket;
        this.combined = combined;
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
        write(combined ? "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}" : payload);
    }

    void write(String text) {
        if (queued.incrementAndGet() > MAX_QUEUED_FRAMES) {
            socket.close((short) 1008, "too slow");
            return;
        }
        socket.writeTextMessage(text).onComplete(r -> queued.decrementAndGet());
    }
}
