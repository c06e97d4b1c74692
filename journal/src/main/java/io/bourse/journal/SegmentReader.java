package io.bourse.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one segment file, checking every record. The records end at the end of the file or where only zeros
 * follow (a preallocated segment's unused space). A damaged record is a torn tail when it is in the journal's last
 * segment and bears the marks of a write the crash cut short: nothing but zeros follows some point inside it (it was
 * only partly written, or runs past the end of the file), or a stretch of it the disk never received reads as zeros
 * (its start up to the end of its 512-byte sector, or a whole sector within it: the sectors of one write can reach
 * the disk in any order, so later records may be there). Anywhere else it is corruption.
 */
final class SegmentReader {
    /**
     * @param lastSequence sequence of the last valid record, or {@code firstSequence - 1} if there is none
     * @param validEnd     byte offset just past the last valid record
     * @param tornTail     why the bytes from {@code validEnd} on are a torn tail, or null if the segment ends cleanly
     */
    record Result(long lastSequence, long validEnd, String tornTail) {
    }

    private static final int SECTOR_BYTES = 512;

    private SegmentReader() {
    }

    /** Reads and checks the 16-byte header; returns the segment's first sequence. */
    static long readHeader(Path file, ByteBuffer data) throws JournalCorruptedException {
        if (data.limit() < RecordFormat.SEGMENT_HEADER_BYTES) {
            throw new JournalCorruptedException(file, 0, "segment header incomplete (" + data.limit() + " bytes)");
        }
        if (data.getInt(0) != RecordFormat.SEGMENT_MAGIC) {
            throw new JournalCorruptedException(file, 0, "not a Bourse journal segment (bad magic)");
        }
        short version = data.getShort(4);
        if (version != RecordFormat.SEGMENT_VERSION) {
            throw new JournalCorruptedException(file, 4, "unsupported segment version " + version);
        }
        return data.getLong(8);
    }

    /**
     * Checks every record of {@code file} and hands those with a sequence above {@code afterSequence} to the
     * handler (which may be null to only check).
     *
     * @param expectedFirst the sequence this segment must start with, or -1 if any
     * @param last          whether this is the journal's last segment (the only place a torn tail can be)
     */
    static Result read(Path file, long expectedFirst, boolean last, long afterSequence, RecordHandler handler)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new JournalCorruptedException(file, Integer.MAX_VALUE, "segment larger than 2 GiB");
            }
            MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            data.order(ByteOrder.LITTLE_ENDIAN);
            long first = readHeader(file, data);
            if (expectedFirst >= 0 && first != expectedFirst) {
                throw new JournalCorruptedException(file, 8, "segment starts at sequence " + first + ", expected "
                        + expectedFirst + " (a segment is missing)");
            }
            return records(file, data, first, last, afterSequence, handler);
        }
    }

    private static Result records(Path file, ByteBuffer data, long first, boolean last, long afterSequence,
                                  RecordHandler handler) throws IOException {
        int size = data.limit();
        int pos = RecordFormat.SEGMENT_HEADER_BYTES;
        long expected = first;
        ByteBuffer payload = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        while (pos < size && !zerosFrom(data, pos)) {
            String problem = null;
            long end = size;
            if (size - pos < RecordFormat.RECORD_HEADER_BYTES) {
                problem = "incomplete record header";
            } else {
                int length = data.getInt(pos);
                if (length < 0 || length > RecordFormat.MAX_PAYLOAD_BYTES) {
                    problem = "impossible record length " + length;
                } else if ((end = (long) pos + RecordFormat.RECORD_HEADER_BYTES + length) > size) {
                    problem = "record runs past the end of the file";
                } else if (data.getInt(pos + 4) != RecordFormat.checksum(data, pos, length)) {
                    problem = "checksum mismatch";
                } else if (data.get(pos + 8) != RecordFormat.RECORD_VERSION) {
                    problem = "unsupported record version " + data.get(pos + 8);
                }
            }
            if (problem != null) {
                if (last && cutShort(data, pos, end)) {
                    return new Result(expected - 1, pos, problem);
                }
                throw new JournalCorruptedException(file, pos, problem);
            }
            long sequence = data.getLong(pos + 12);
            if (sequence != expected) {
                throw new JournalCorruptedException(file, pos, "sequence " + sequence + " where " + expected
                        + " was expected");
            }
            if (handler != null && sequence > afterSequence) {
                int type = data.get(pos + 9);
                long timestampMs = data.getLong(pos + 20);
                payload.limit((int) end).position(pos + RecordFormat.RECORD_HEADER_BYTES);
                try {
                    handler.onRecord(sequence, timestampMs, type, payload);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException("record " + sequence + " could not be applied", e);
                }
            }
            expected++;
            pos = (int) end;
        }
        return new Result(expected - 1, pos, null);
    }

    /** Whether every byte from {@code pos} to the end is zero; stops at the first that is not. */
    private static boolean zerosFrom(ByteBuffer data, int pos) {
        int i = pos;
        int size = data.limit();
        for (; i + Long.BYTES <= size; i += Long.BYTES) {
            if (data.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < size; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the damaged record at {@code [start, end)} looks like a write the crash cut short. */
    private static boolean cutShort(ByteBuffer data, int start, long end) {
        int size = data.limit();
        if (end >= size || lastNonZero(data) < end) {
            return true;
        }
        int sectorEnd = Math.min(size, (start / SECTOR_BYTES + 1) * SECTOR_BYTES);
        if (zeros(data, start, sectorEnd)) {
            return true;
        }
        for (int sector = sectorEnd; sector < end; sector += SECTOR_BYTES) {
            if (zeros(data, sector, Math.min(size, sector + SECTOR_BYTES))) {
                return true;
            }
        }
        return false;
    }

    private static int lastNonZero(ByteBuffer data) {
        int i = data.limit() - 1;
        while (i >= 0 && data.get(i) == 0) {
            i--;
        }
        return i;
    }

    private static boolean zeros(ByteBuffer data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
