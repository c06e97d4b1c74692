package io.bourse.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Appends records. {@link #append} only buffers (and writes when the buffer fills); {@link #commit} writes what is
 * buffered and, under {@link FsyncPolicy#GROUP}, forces it to the disk: call it once per batch so one fsync covers
 * every record of the batch. A segment ends when the next record would not fit in {@code segmentBytes}; with
 * preallocation ({@link JournalConfig#preallocate}) the writer overwrites a zero-filled file, and the zeros after
 * the last record mark where the records end. After any I/O failure the writer refuses all further work: the
 * caller must stop acknowledging, since what was written may or may not be on the disk.
 */
public final class JournalWriter implements AutoCloseable {
    private final Journal journal;
    private final JournalConfig config;
    /** Fills the next segment ahead of use, or null when segments simply grow as they are written. */
    private final SegmentPreallocator preallocator;
    private ByteBuffer buffer;
    private FileChannel channel;
    /** Bytes of the current segment on disk or in the buffer. */
    private long segmentSize;
    private long nextSequence;
    private volatile long committedSequence;
    private volatile IOException failure;

    JournalWriter(Journal journal, JournalConfig config, Path current, long currentEnd, long nextSequence)
            throws IOException {
        this.journal = journal;
        this.config = config;
        this.buffer = ByteBuffer.allocateDirect(config.writeBufferBytes()).order(ByteOrder.LITTLE_ENDIAN);
        this.nextSequence = nextSequence;
        this.committedSequence = nextSequence - 1;
        if (current != null && currentEnd < config.segmentBytes()) {
            channel = config.channels().open(current);
            channel.position(currentEnd);
            segmentSize = currentEnd;
        }
        preallocator = config.preallocates() ? new SegmentPreallocator(journal.directory(), config.segmentBytes())
                : null;
        if (preallocator != null && channel == null) {
            preallocator.fillNow();
        }
    }

    /** Sequence the next record must carry. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Sequence of the last record that {@link #commit} made durable (per the fsync policy); any thread may ask. */
    public long committedSequence() {
        return committedSequence;
    }

    /** Buffers one record; its sequence must be {@link #nextSequence()}. */
    public void append(long sequence, long timestampMs, int type, ByteBuffer payload) throws IOException {
        checkHealthy();
        if (sequence != nextSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " appended where " + nextSequence
                    + " is next");
        }
        int length = payload.remaining();
        if (length > RecordFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("record payload of " + length + " bytes exceeds the maximum");
        }
        int recordBytes = RecordFormat.RECORD_HEADER_BYTES + length;
        try {
            if (channel == null || (segmentSize + recordBytes > config.segmentBytes()
                    && segmentSize > RecordFormat.SEGMENT_HEADER_BYTES)) {
                rotate(sequence);
            }
            if (recordBytes > buffer.remaining()) {
                writeBuffer();
                if (recordBytes > buffer.capacity()) {
                    buffer = ByteBuffer.allocateDirect(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
                }
            }
        } catch (IOException e) {
            throw fail(e);
        }
        int start = buffer.position();
        buffer.putInt(length).putInt(0).put(RecordFormat.RECORD_VERSION).put((byte) type).putShort((short) 0)
                .putLong(sequence).putLong(timestampMs).put(payload.duplicate());
        buffer.putInt(start + 4, RecordFormat.checksum(buffer, start, length));
        segmentSize += recordBytes;
        nextSequence++;
    }

    /** Writes everything buffered and forces it to the disk (per the policy). */
    public void commit() throws IOException {
        checkHealthy();
        try {
            writeBuffer();
            if (channel != null && config.fsync() == FsyncPolicy.GROUP) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw fail(e);
        }
        committedSequence = nextSequence - 1;
        journal.committed(committedSequence);
        if (preallocator != null && segmentSize >= config.segmentBytes() / 2) {
            preallocator.request();
        }
    }

    public boolean failed() {
        return failure != null;
    }

    @Override
    public void close() throws IOException {
        if (preallocator != null) {
            preallocator.close();
        }
        if (channel != null) {
            if (failure == null) {
                commit();
            }
            channel.close();
            channel = null;
        }
    }

    private void rotate(long firstSequence) throws IOException {
        if (channel != null) {
            writeBuffer();
            if (config.fsync() == FsyncPolicy.GROUP) {
                channel.force(false);
            }
            channel.close();
        }
        Path file = Journal.segmentPath(journal.directory(), firstSequence);
        Path prepared = preallocator == null ? null : preallocator.poll();
        channel = config.channels().open(prepared != null ? prepared : file);
        ByteBuffer header = ByteBuffer.allocate(RecordFormat.SEGMENT_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        RecordFormat.writeSegmentHeader(header, firstSequence);
        header.flip();
        writeFully(header);
        if (config.fsync() == FsyncPolicy.GROUP) {
            channel.force(true);
        }
        if (prepared != null) {
            // named as a segment only once its header is on the disk, so a crash never leaves a headerless one
            Files.move(prepared, file, StandardCopyOption.ATOMIC_MOVE);
        }
        if (config.fsync() == FsyncPolicy.GROUP) {
            Journal.syncDirectory(journal.directory());
        }
        journal.segmentCreated(file);
        segmentSize = RecordFormat.SEGMENT_HEADER_BYTES;
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.clear();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void checkHealthy() throws IOException {
        if (failure != null) {
            throw new IOException("journal writer stopped after an earlier failure: " + failure.getMessage(),
                    failure);
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        return e;
    }
}
