package io.bourse.api.userstream;

/** Somewhere a user's events go: a listenKey stream connection or a WebSocket API subscription. */
public interface UserSink {
    /** Sends one user-data event (its JSON payload, unwrapped). */
    void send(String event);
}
