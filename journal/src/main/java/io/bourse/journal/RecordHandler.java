package io.bourse.journal;

import java.nio.ByteBuffer;

/** Receives journal records in sequence order during a replay. */
@FunctionalInterface
public interface RecordHandler {
    /**
     * @param payload the record's payload, positioned at its start; valid only during the call
     */
    void onRecord(long sequence, long timestampMs, int type, ByteBuffer payload) throws Exception;
}
