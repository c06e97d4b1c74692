package io.bourse.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How a journal writes.
 *
 * @param segmentBytes     a segment is closed and a new one started once it reaches this size
 * @param fsync            when written records are forced to the disk
 * @param writeBufferBytes records are gathered in a buffer of this size before each write to the file
 * @param channels         opens segment files for appending (tests substitute one that fails on demand)
 */
public record JournalConfig(long segmentBytes, FsyncPolicy fsync, int writeBufferBytes, ChannelOpener channels) {
    public static final long DEFAULT_SEGMENT_BYTES = 256L << 20;

    /** Opens a segment file for appending. */
    @FunctionalInterface
    public interface ChannelOpener {
        ChannelOpener FILES = path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);

        FileChannel open(Path path) throws IOException;
    }

    public JournalConfig {
        if (segmentBytes < RecordFormat.SEGMENT_HEADER_BYTES + RecordFormat.RECORD_HEADER_BYTES) {
            throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
        }
        if (writeBufferBytes < RecordFormat.RECORD_HEADER_BYTES) {
            throw new IllegalArgumentException("writeBufferBytes too small: " + writeBufferBytes);
        }
    }

    public static JournalConfig defaults(FsyncPolicy fsync) {
        return new JournalConfig(DEFAULT_SEGMENT_BYTES, fsync, 1 << 20, ChannelOpener.FILES);
    }

    public JournalConfig withSegmentBytes(long bytes) {
        return new JournalConfig(bytes, fsync, writeBufferBytes, channels);
    }

    public JournalConfig withFsync(FsyncPolicy policy) {
        return new JournalConfig(segmentBytes, policy, writeBufferBytes, channels);
    }

    public JournalConfig withChannels(ChannelOpener opener) {
        return new JournalConfig(segmentBytes, fsync, writeBufferBytes, opener);
    }
}
