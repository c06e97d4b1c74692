package io.bourse.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A directory of append-only segment files ({@code 00000000000000000001.wal}, named by their first sequence)
 * holding records numbered 1, 2, 3, … without gaps. Opening it for writing repairs a torn tail (a record cut
 * short by a crash) by truncating it, and deletes a preallocated file that never became a segment; a damaged record
 * anywhere else stops the open with the file and offset.
 */
public final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final String SUFFIX = ".wal";

    private final Path dir;
    private final List<Path> segments;
    private volatile long lastSequence;
    private final long lastSegmentEnd;

    private Journal(Path dir, List<Path> segments, long lastSequence, long lastSegmentEnd) {
        this.dir = dir;
        this.segments = segments;
        this.lastSequence = lastSequence;
        this.lastSegmentEnd = lastSegmentEnd;
    }

    /** Opens (creating if needed) the journal in {@code dir} for replay and writing; truncates a torn tail. */
    public static Journal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return scan(dir, true);
    }

    /**
     * Opens an existing journal without changing any file (a torn tail is logged and ignored), together with
     * the segments archived from it, if any.
     */
    public static Journal openReadOnly(Path dir, Path... archiveDirs) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no journal directory " + dir);
        }
        return scan(dir, false, archiveDirs);
    }

    private static Journal scan(Path dir, boolean repair, Path... archiveDirs) throws IOException {
        if (repair) {
            SegmentPreallocator.deleteLeftovers(dir);
        }
        List<Path> segments = listSegments(dir);
        for (Path archive : archiveDirs) {
            if (Files.isDirectory(archive)) {
                segments.addAll(listSegments(archive));
            }
        }
        segments.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        while (!segments.isEmpty()) {
            Path lastFile = segments.getLast();
            if (Files.size(lastFile) >= RecordFormat.SEGMENT_HEADER_BYTES) {
                break;
            }
            // A crash while a new segment was being created: nothing in it was ever acknowledged.
            LOG.warn("journal: {} has an incomplete segment header (crash while creating it); {}", lastFile,
                    repair ? "deleting it" : "ignoring it");
            if (repair) {
                Files.delete(lastFile);
            }
            segments.removeLast();
        }
        if (segments.isEmpty()) {
            return new Journal(dir, segments, 0, 0);
        }
        Path lastFile = segments.getLast();
        long expectedFirst = segments.size() == 1 ? -1 : firstSequenceOf(lastFile);
        SegmentReader.Result tail = SegmentReader.read(lastFile, expectedFirst, true, Long.MAX_VALUE, null);
        if (tail.tornTail() != null) {
            long size = Files.size(lastFile);
            LOG.warn("journal: torn tail in {} at byte offset {} ({}); {} {} bytes after sequence {}", lastFile,
                    tail.validEnd(), tail.tornTail(), repair ? "truncating" : "ignoring", size - tail.validEnd(),
                    tail.lastSequence());
            if (repair) {
                try (FileChannel ch = FileChannel.open(lastFile, StandardOpenOption.WRITE)) {
                    ch.truncate(tail.validEnd());
                    ch.force(true);
                }
            }
        }
        return new Journal(dir, segments, tail.lastSequence(), tail.validEnd());
    }

    public Path directory() {
        return dir;
    }

    /** Sequence of the last record (committed by this process's writer, if any), or 0 if the journal is empty. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Sequence of the oldest record still kept, or {@code lastSequence() + 1} if there is none. */
    public synchronized long firstSequence() throws IOException {
        return segments.isEmpty() ? lastSequence + 1 : firstSequenceOf(segments.getFirst());
    }

    public synchronized List<Path> segmentFiles() {
        return List.copyOf(segments);
    }

    /**
     * Hands every record with a sequence above {@code afterSequence} to the handler, in order, checking each.
     *
     * @return the sequence of the last record read
     * @throws JournalCorruptedException at a damaged record, or if records after {@code afterSequence} were pruned
     */
    public long replay(long afterSequence, RecordHandler handler) throws IOException {
        if (afterSequence < lastSequence && afterSequence + 1 < firstSequence()) {
            throw new JournalCorruptedException(segments.getFirst(), 8, "replay needs records from sequence "
                    + (afterSequence + 1) + " but the journal starts at " + firstSequence() + " (pruned)");
        }
        long last = afterSequence;
        long expectedFirst = -1;
        for (int i = 0; i < segments.size(); i++) {
            Path file = segments.get(i);
            boolean isLast = i == segments.size() - 1;
            if (!isLast && firstSequenceOf(segments.get(i + 1)) - 1 <= afterSequence) {
                continue;
            }
            if (expectedFirst < 0) {
                expectedFirst = firstSequenceOf(file);
            }
            SegmentReader.Result r = SegmentReader.read(file, expectedFirst, isLast, afterSequence, handler);
            last = Math.max(last, r.lastSequence());
            expectedFirst = r.lastSequence() + 1;
        }
        return Math.min(last, lastSequence);
    }

    /** Opens the writer that appends after the last record. Only one writer may be open. */
    public JournalWriter writer(JournalConfig config) throws IOException {
        if (config.fsync() == FsyncPolicy.NONE) {
            LOG.warn("journal: fsync is OFF - acknowledged commands can be lost if the machine crashes. "
                    + "Use this for benchmarks only.");
        }
        Path current = segments.isEmpty() ? null : segments.getLast();
        return new JournalWriter(this, config, current, lastSegmentEnd, lastSequence + 1);
    }

    /**
     * Removes the segments whose records are all at or below {@code coveredSequence} (a snapshot holds their
     * effect). The last segment always stays. With {@code archiveDir} they are moved there instead of deleted.
     *
     * @return how many segments were removed
     */
    public synchronized int prune(long coveredSequence, Path archiveDir) throws IOException {
        int removed = 0;
        while (segments.size() > 1 && firstSequenceOf(segments.get(1)) - 1 <= coveredSequence) {
            Path file = segments.removeFirst();
            if (archiveDir == null) {
                Files.delete(file);
            } else {
                Files.createDirectories(archiveDir);
                Files.move(file, archiveDir.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            removed++;
        }
        if (removed > 0) {
            LOG.info("journal: {} {} segment(s) covered by sequence {}", archiveDir == null ? "deleted" : "archived",
                    removed, coveredSequence);
        }
        return removed;
    }

    void committed(long sequence) {
        lastSequence = sequence;
    }

    synchronized void segmentCreated(Path file) {
        segments.add(file);
    }

    static Path segmentPath(Path dir, long firstSequence) {
        return dir.resolve(String.format(Locale.ROOT, "%020d%s", firstSequence, SUFFIX));
    }

    static long firstSequenceOf(Path segment) throws IOException {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new IOException("unexpected journal file name " + segment);
        }
    }

    private static List<Path> listSegments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
        }
    }

    /** Makes a created, renamed or deleted file name in {@code dir} durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
