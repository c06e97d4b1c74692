package io.bourse.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {
    @TempDir
    Path dir;

    record Rec(long sequence, long timestampMs, int type, String payload) {
    }

    /** Preallocated (the default), each of 1 KiB: rotations find the next file filled or not, as it happens. */
    private static final JournalConfig SMALL_SEGMENTS = JournalConfig.defaults(FsyncPolicy.GROUP)
            .withSegmentBytes(1024);
    /** Segments that grow as they are written. */
    private static final JournalConfig GROWING = JournalConfig.defaults(FsyncPolicy.GROUP).withPreallocation(false);
    private static final int SEGMENT_64K = 64 * 1024;
    private static final JournalConfig PREALLOCATED = JournalConfig.defaults(FsyncPolicy.GROUP)
            .withSegmentBytes(SEGMENT_64K);
    /** Payload of the "big" records: longer than a page, so a record can lose a page in a crash. */
    private static final int BIG = 5000;

    @Test
    void recordsComeBackInOrderAcrossSegments() throws IOException {
        write(dir, SMALL_SEGMENTS, 1, 200);
        Journal journal = Journal.open(dir);
        assertThat(journal.lastSequence()).isEqualTo(200);
        assertThat(journal.segmentFiles()).hasSizeGreaterThan(5);
        List<Rec> all = readAll(journal, 0);
        assertThat(all).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(all.get(i)).isEqualTo(rec(i + 1));
        }
        assertThat(readAll(journal, 150)).extracting(Rec::sequence).containsExactly(
                java.util.stream.LongStream.rangeClosed(151, 200).boxed().toArray(Long[]::new));
    }

    @Test
    void reopeningContinuesTheSequence() throws IOException {
        write(dir, SMALL_SEGMENTS, 1, 30);
        write(dir, SMALL_SEGMENTS, 31, 60);
        assertThat(readAll(Journal.open(dir), 0)).hasSize(60).last().isEqualTo(rec(60));
    }

    @Test
    void writerRefusesAGapInTheSequence() throws IOException {
        try (JournalWriter w = Journal.open(dir).writer(SMALL_SEGMENTS)) {
            assertThatThrownBy(() -> w.append(2, 0, 1, ByteBuffer.allocate(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 is next");
        }
    }

    @Test
    void tornTailIsTruncatedAndWritingContinuesAfterIt() throws IOException {
        write(dir, GROWING, 1, 10);
        Path file = onlySegment();
        long size = Files.size(file);
        Damage.truncate(file, size - 5); // the last record lost its last bytes in the crash

        Journal journal = Journal.open(dir);
        assertThat(journal.lastSequence()).isEqualTo(9);
        assertThat(Files.size(file)).isEqualTo(size - recordBytes(10));
        write(dir, GROWING, 10, 12);
        assertThat(readAll(Journal.open(dir), 0)).hasSize(12).last().isEqualTo(rec(12));
    }

    @Test
    void partialHeaderIsATornTail() throws IOException {
        write(dir, GROWING, 1, 4);
        Path file = onlySegment();
        long size = Files.size(file);
        append(file, new byte[] {7, 0, 0});
        assertThat(Journal.open(dir).lastSequence()).isEqualTo(4);
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void zerosAfterTheLastRecordAreTheEndAndAreWrittenOver() throws IOException {
        write(dir, GROWING, 1, 4);
        Path file = onlySegment();
        long size = Files.size(file);
        append(file, new byte[4096]);
        assertThat(Journal.open(dir).lastSequence()).isEqualTo(4);
        assertThat(Files.size(file)).as("nothing to repair").isEqualTo(size + 4096);
        write(dir, GROWING, 5, 6);
        assertThat(readAll(Journal.open(dir), 0)).hasSize(6).last().isEqualTo(rec(6));
    }

    @Test
    void preallocatedSegmentsAreFullSizeAndReadBackLikeGrownOnes() throws IOException {
        write(dir, PREALLOCATED, 1, 3);
        Path first = onlySegment();
        assertThat(Files.size(first)).isEqualTo(SEGMENT_64K);
        writeBig(dir, PREALLOCATED, 4, 40); // several segments, each filled ahead or grown when not ready in time
        write(dir, PREALLOCATED, 41, 45);
        Journal journal = Journal.open(dir);
        assertThat(journal.segmentFiles()).hasSizeGreaterThan(2)
                .allSatisfy(f -> assertThat(Files.size(f)).isLessThanOrEqualTo(SEGMENT_64K));
        List<Rec> all = readAll(journal, 0);
        assertThat(all).extracting(Rec::sequence).containsExactly(
                java.util.stream.LongStream.rangeClosed(1, 45).boxed().toArray(Long[]::new));
        assertThat(all.get(9).payload()).hasSize(BIG);
        assertThat(all.getLast()).isEqualTo(rec(45));
        assertThat(preallocatedLeftovers()).as("an unused filled file is removed at close").isEmpty();
    }

    @Test
    void afterACrashTheZerosOfAPreallocatedSegmentAreItsEndAndLeftoversGo() throws IOException {
        // what a crash after this commit leaves: the records, zeros after them, a filled file not yet renamed
        writeBig(dir, PREALLOCATED, 1, 8);
        Files.write(dir.resolve("next-9" + SegmentPreallocator.SUFFIX), new byte[100]);

        Journal reopened = Journal.open(dir);
        assertThat(reopened.lastSequence()).isEqualTo(8);
        assertThat(Files.size(onlySegment())).as("zeros are not a torn tail").isEqualTo(SEGMENT_64K);
        assertThat(preallocatedLeftovers()).isEmpty();
        write(dir, PREALLOCATED, 9, 10);
        assertThat(readAll(Journal.open(dir), 0)).hasSize(10).last().isEqualTo(rec(10));
    }

    @Test
    void aRecordMissingAPageIsATornTailEvenWhenLaterPagesReachedTheDisk() throws IOException {
        writeBig(dir, PREALLOCATED, 1, 10);
        Path file = onlySegment();
        long fourth = bigRecordOffset(4); // 15,100: record 4 spans 15,100..20,128, across the page at 16,384
        Damage.zero(file, 16_384, 4096);
        assertThat(Journal.open(dir).lastSequence()).isEqualTo(3);
        assertThat(Files.size(file)).as("records 5..10, never acknowledged, are cut off").isEqualTo(fourth);
        write(dir, PREALLOCATED, 4, 5);
        assertThat(readAll(Journal.open(dir), 0)).extracting(Rec::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aRecordCutShortInAPreallocatedSegmentIsATornTail() throws IOException {
        writeBig(dir, PREALLOCATED, 1, 10);
        Path file = onlySegment();
        long fourth = bigRecordOffset(4);
        Damage.zero(file, fourth + 100, (int) (SEGMENT_64K - fourth - 100)); // the write stopped 100 bytes in
        assertThat(Journal.open(dir).lastSequence()).isEqualTo(3);
        assertThat(Files.size(file)).isEqualTo(fourth);
    }

    @Test
    void aRecordWhoseStartNeverReachedTheDiskIsATornTail() throws IOException {
        writeBig(dir, PREALLOCATED, 1, 10);
        Path file = onlySegment();
        long fourth = bigRecordOffset(4);
        Damage.zero(file, fourth, (int) (16_384 - fourth));
        assertThat(Journal.open(dir).lastSequence()).isEqualTo(3);
        assertThat(Files.size(file)).isEqualTo(fourth);
    }

    @Test
    void aMissingPageInAnOlderSegmentIsCorruption() throws IOException {
        writeBig(dir, PREALLOCATED.withPreallocation(false), 1, 30);
        Path first = Journal.open(dir).segmentFiles().getFirst();
        Damage.zero(first, 16_384, 4096);
        assertThatThrownBy(() -> readAll(Journal.open(dir), 0))
                .isInstanceOf(JournalCorruptedException.class).hasMessageContaining(first.getFileName().toString());
    }

    @Test
    void readOnlyOpenLeavesATornTailInPlace() throws IOException {
        write(dir, GROWING, 1, 3);
        Path file = onlySegment();
        Damage.truncate(file, Files.size(file) - 1);
        long size = Files.size(file);
        Journal journal = Journal.openReadOnly(dir);
        assertThat(journal.lastSequence()).isEqualTo(2);
        assertThat(readAll(journal, 0)).hasSize(2);
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void corruptRecordInTheMiddleStopsTheOpenNamingFileAndOffset() throws IOException {
        write(dir, GROWING, 1, 10);
        Path file = onlySegment();
        long offset = RecordFormat.SEGMENT_HEADER_BYTES + 2 * recordBytes(1);
        Damage.flipByte(file, offset + RecordFormat.RECORD_HEADER_BYTES + 1); // payload of record 3

        assertThatThrownBy(() -> Journal.open(dir))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("offset " + offset)
                .hasMessageContaining("checksum mismatch");
        long written = RecordFormat.SEGMENT_HEADER_BYTES;
        for (long s = 1; s <= 10; s++) {
            written += recordBytes(s);
        }
        assertThat(Files.size(file)).as("nothing truncated").isEqualTo(written);
    }

    @Test
    void corruptRecordInAnOlderSegmentStopsTheReplay() throws IOException {
        write(dir, SMALL_SEGMENTS, 1, 100);
        Journal journal = Journal.open(dir);
        Path second = journal.segmentFiles().get(1);
        Damage.flipByte(second, RecordFormat.SEGMENT_HEADER_BYTES + 20);
        assertThatThrownBy(() -> readAll(Journal.open(dir), 0))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining(second.getFileName().toString());
    }

    @Test
    void failedWriteIsNeverReportedCommittedAndTheWriterStops() throws IOException {
        AtomicLong budget = new AtomicLong(RecordFormat.SEGMENT_HEADER_BYTES + 3L * recordBytes(1) + 10);
        JournalConfig config = GROWING
                .withChannels(path -> new FailingChannel(JournalConfig.ChannelOpener.FILES.open(path), budget));
        JournalWriter w = Journal.open(dir).writer(config);
        for (long s = 1; s <= 3; s++) {
            w.append(s, s, 1, payload(s));
        }
        w.commit();
        assertThat(w.committedSequence()).isEqualTo(3);
        w.append(4, 4, 1, payload(4));
        w.append(5, 5, 1, payload(5));
        assertThatThrownBy(w::commit).hasMessageContaining("No space left");
        assertThat(w.committedSequence()).isEqualTo(3);
        assertThat(w.failed()).isTrue();
        assertThatThrownBy(() -> w.append(6, 6, 1, payload(6))).hasMessageContaining("earlier failure");
        assertThatThrownBy(w::commit).hasMessageContaining("earlier failure");
        w.close();

        Journal reopened = Journal.open(dir);
        assertThat(reopened.lastSequence()).isEqualTo(3);
        assertThat(readAll(reopened, 0)).hasSize(3);
    }

    @Test
    void incompleteSegmentHeaderIsRemoved() throws IOException {
        write(dir, SMALL_SEGMENTS, 1, 5);
        Path stub = Journal.segmentPath(dir, 6);
        Files.write(stub, new byte[] {0x42, 0x52});
        Journal journal = Journal.open(dir);
        assertThat(journal.lastSequence()).isEqualTo(5);
        assertThat(stub).doesNotExist();
    }

    @Test
    void missingSegmentIsCorruption() throws IOException {
        write(dir, SMALL_SEGMENTS, 1, 100);
        List<Path> files = Journal.open(dir).segmentFiles();
        Files.delete(files.get(2));
        assertThatThrownBy(() -> readAll(Journal.open(dir), 0))
                .isInstanceOf(JournalCorruptedException.class).hasMessageContaining("a segment is missing");
    }

    @Test
    void pruneRemovesOnlySegmentsWhollyCoveredAndReplayRefusesToSkipPrunedRecords() throws IOException {
        write(dir, SMALL_SEGMENTS, 1, 100);
        Journal journal = Journal.open(dir);
        int before = journal.segmentFiles().size();
        Path archive = dir.resolveSibling(dir.getFileName() + "-archive");
        int removed = journal.prune(50, archive);
        assertThat(removed).isPositive();
        assertThat(journal.segmentFiles()).hasSize(before - removed);
        assertThat(journal.firstSequence()).isLessThanOrEqualTo(51);
        try (var archived = Files.list(archive)) {
            assertThat(archived.count()).isEqualTo(removed);
        }
        assertThat(readAll(journal, 50)).hasSize(50).first().isEqualTo(rec(51));
        assertThatThrownBy(() -> readAll(Journal.open(dir), 0)).hasMessageContaining("pruned");
    }

    // ------------------------------------------------------------------ helpers

    private static void write(Path dir, JournalConfig config, long from, long to) throws IOException {
        try (JournalWriter w = Journal.open(dir).writer(config)) {
            for (long s = from; s <= to; s++) {
                w.append(s, 1000 + s, (int) (s % 3), payload(s));
                if (s % 7 == 0) {
                    w.commit();
                }
            }
            w.commit();
        }
    }

    private static void writeBig(Path dir, JournalConfig config, long from, long to) throws IOException {
        try (JournalWriter w = Journal.open(dir).writer(config)) {
            for (long s = from; s <= to; s++) {
                w.append(s, 1000 + s, (int) (s % 3), bigPayload(s));
                w.commit();
            }
        }
    }

    private static ByteBuffer bigPayload(long s) {
        byte[] bytes = new byte[BIG];
        java.util.Arrays.fill(bytes, (byte) ('a' + s % 26));
        return ByteBuffer.wrap(bytes);
    }

    /** Where big record {@code s} starts when the segment holds only big records from 1. */
    private static long bigRecordOffset(long s) {
        return RecordFormat.SEGMENT_HEADER_BYTES + (s - 1) * (RecordFormat.RECORD_HEADER_BYTES + BIG);
    }

    private List<Path> preallocatedLeftovers() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(SegmentPreallocator.SUFFIX)).toList();
        }
    }

    private static ByteBuffer payload(long s) {
        return ByteBuffer.wrap(("record-" + s).getBytes(StandardCharsets.UTF_8));
    }

    private static Rec rec(long s) {
        return new Rec(s, 1000 + s, (int) (s % 3), "record-" + s);
    }

    /** Bytes of record {@code s} on disk. */
    private static long recordBytes(long s) {
        return RecordFormat.RECORD_HEADER_BYTES + payload(s).remaining();
    }

    private static List<Rec> readAll(Journal journal, long after) throws IOException {
        List<Rec> out = new ArrayList<>();
        journal.replay(after, (seq, ts, type, payload) -> {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            out.add(new Rec(seq, ts, type, new String(bytes, StandardCharsets.UTF_8)));
        });
        return out;
    }

    private Path onlySegment() throws IOException {
        List<Path> files = Journal.openReadOnly(dir).segmentFiles();
        assertThat(files).hasSize(1);
        return files.getFirst();
    }


    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
    }

}
