package io.bourse.runtime.event;

import io.bourse.engine.event.EngineEvent;

import java.util.List;

/** The events of one command, still encoded; decoding allocates, so readers decode only what they use. */
public interface EncodedEvents {
    int count();

    List<EngineEvent> decode();

    /** Points {@code cursor} at these events (use {@link EventCursor#reset}). */
    void rewind(EventCursor cursor);
}
