package io.bourse.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The bytes on disk (all little-endian).
 *
 * <pre>
 * segment  = header record*
 * header   = magic:int32 "BRJ1"  version:int16  reserved:int16  firstSequence:int64            (16 bytes)
 * record   = length:int32  crc32c:int32  version:int8  type:int8  reserved:int16
 *            sequence:int64  timestampMs:int64  payload:byte[length]                            (28 + length)
 * </pre>
 *
 * The CRC32C covers every record byte after the checksum field, so a record is valid only if its length, header and
 * payload are all intact.
 */
final class RecordFormat {
    static final int SEGMENT_MAGIC = 0x314a5242; // "BRJ1" read as little-endian
    static final short SEGMENT_VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 16;

    static final byte RECORD_VERSION = 1;
    static final int RECORD_HEADER_BYTES = 28;
    /** Bytes of the header the checksum does not cover (length and the checksum itself). */
    static final int UNCHECKED_PREFIX = 8;
    static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private RecordFormat() {
    }

    static void writeSegmentHeader(ByteBuffer buf, long firstSequence) {
        buf.putInt(SEGMENT_MAGIC).putShort(SEGMENT_VERSION).putShort((short) 0).putLong(firstSequence);
    }

    /** Checksum of the record starting at {@code start} whose payload is {@code length} bytes. */
    static int checksum(ByteBuffer buf, int start, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = buf.duplicate();
        covered.limit(start + RECORD_HEADER_BYTES + length).position(start + UNCHECKED_PREFIX);
        crc.update(covered);
        return (int) crc.getValue();
    }
}
