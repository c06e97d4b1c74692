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
 * @param preallocate      under {@link FsyncPolicy#GROUP}, zero-fill each segment to its full size before use (on a
 *                         background thread), so that a commit overwrites allocated blocks instead of growing the
 *                         file: an fsync then has no file-system metadata to commit, which shortens its tail
 *                         (see docs/durability.md). Costs one segment of disk space ahead.
 */
public record JournalConfig(long segmentBytes, FsyncPolicy fsync, int writeBufferBytes, ChannelOpener channels,
                            boolean preallocate) {
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
        return new JournalConfig(DEFAULT_SEGMENT_BYTES, fsync, 1 << 20, ChannelOpener.FILES, true);
    }

    public JournalConfig withSegmentBytes(long bytes) {
        return new JournalConfig(bytes, fsync, writeBufferBytes, channels, preallocate);
    }

    public JournalConfig withFsync(FsyncPolicy policy) {
        return new JournalConfig(segmentBytes, policy, writeBufferBytes, channels, preallocate);
    }

    public JournalConfig withChannels(ChannelOpener opener) {
        return new JournalConfig(segmentBytes, fsync, writeBufferBytes, opener, preallocate);
    }

    public JournalConfig withPreallocation(boolean on) {
        return new JournalConfig(segmentBytes, fsync, writeBufferBytes, channels, on);
    }

    /** Whether segments are zero-filled ahead of use: asked for, and useful only when commits fsync. */
    boolean preallocates() {
        return preallocate && fsync == FsyncPolicy.GROUP;
    }
}
