package io.bourse.runtime.snapshot;

import io.bourse.engine.Engine;
import io.bourse.engine.EngineListener;
import io.bourse.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Engine snapshots in a directory, one file per snapshot named by the last sequence it contains
 * ({@code 00000000000000123456.snap}). A file is written under a temporary name, forced to the disk and renamed,
 * so a crash leaves either the whole snapshot or none; its checksum catches later damage, and loading falls back
 * to an older snapshot when the newest is unreadable.
 *
 * <pre>
 * file = magic:int32 "BRS1"  version:int32  sequence:int64  bodyLength:int64  crc32c(body):int32  body
 * </pre>
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final int MAGIC = 0x31535242; // "BRS1" little-endian
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 28;
    private static final String SUFFIX = ".snap";

    private final Path dir;
    private final int keep;

    /** A snapshot read back. */
    public record Loaded(long sequence, Engine engine) {
    }

    /** @param keep how many snapshots to keep; older ones are deleted after each write */
    public SnapshotStore(Path dir, int keep) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one snapshot");
        }
        this.dir = dir;
        this.keep = keep;
        Files.createDirectories(dir);
    }

    /** The engine's state as a snapshot body (call on the engine's thread, or while it is stopped). */
    public static byte[] capture(Engine engine) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            DataOutputStream out = new DataOutputStream(bytes);
            engine.writeSnapshot(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a snapshot durably, then deletes all but the newest {@code keep}.
     *
     * @return the sequence of the oldest snapshot still kept (journal records up to it are no longer needed)
     */
    public long write(long sequence, byte[] body) throws IOException {
        Path file = pathOf(sequence);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putInt(VERSION).putLong(sequence).putLong(body.length).putInt((int) crc.getValue());
        header.flip();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer[] parts = {header, ByteBuffer.wrap(body)};
            while (parts[1].hasRemaining()) {
                ch.write(parts);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Journal.syncDirectory(dir);
        List<Long> all = sequences();
        int firstKept = Math.max(0, all.size() - keep);
        for (int i = 0; i < firstKept; i++) {
            Files.deleteIfExists(pathOf(all.get(i)));
        }
        return all.get(firstKept);
    }

    /** Sequences of the snapshots present, oldest first. */
    public List<Long> sequences() throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    try {
                        out.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                    } catch (NumberFormatException e) {
                        LOG.warn("snapshots: ignoring unexpected file {}", p);
                    }
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * The newest readable snapshot at or below {@code atMostSequence}; damaged ones are logged and skipped.
     *
     * @param listener the restored engine's listener
     */
    public Optional<Loaded> loadNewest(long atMostSequence, EngineListener listener) throws IOException {
        List<Long> all = sequences();
        for (int i = all.size() - 1; i >= 0; i--) {
            long sequence = all.get(i);
            if (sequence > atMostSequence) {
                continue;
            }
            Path file = pathOf(sequence);
            try {
                Engine engine = read(file, sequence, listener);
                return Optional.of(new Loaded(sequence, engine));
            } catch (IOException | RuntimeException e) {
                LOG.warn("snapshots: {} is unreadable ({}); trying an older one", file, e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Engine read(Path file, long sequence, EngineListener listener) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_BYTES) {
            throw new IOException("shorter than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt() != MAGIC || header.getInt() != VERSION) {
            throw new IOException("not a version " + VERSION + " Bourse snapshot");
        }
        if (header.getLong() != sequence) {
            throw new IOException("sequence in the header differs from the file name");
        }
        long length = header.getLong();
        if (length != bytes.length - HEADER_BYTES) {
            throw new IOException("body is " + (bytes.length - HEADER_BYTES) + " bytes, header says " + length);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, (int) length);
        if ((int) crc.getValue() != header.getInt()) {
            throw new IOException("checksum mismatch");
        }
        Engine engine = Engine.restore(new DataInputStream(new ByteArrayInputStream(bytes, HEADER_BYTES,
                (int) length)), listener);
        if (engine.lastSequence() != sequence) {
            throw new IOException("engine state is at sequence " + engine.lastSequence());
        }
        return engine;
    }

    private Path pathOf(long sequence) {
        return dir.resolve(String.format(Locale.ROOT, "%020d%s", sequence, SUFFIX));
    }
}
