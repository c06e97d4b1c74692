package io.bourse.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Zero-fills the journal's next segment file, to its full size and forced to the disk, on a thread of its own, so
 * the writer can switch to it without waiting. The file carries a {@link #SUFFIX} name until the writer gives it
 * a segment header and renames it into place; one left behind by a crash is deleted when the journal is opened.
 */
final class SegmentPreallocator implements AutoCloseable {
    static final String SUFFIX = ".prealloc";
    private static final Logger LOG = LoggerFactory.getLogger(SegmentPreallocator.class);
    private static final int CHUNK_BYTES = 1 << 20;
    /** Forcing every few chunks keeps the fill's dirty pages few, so it never lands on the disk as one burst. */
    private static final long FORCE_EVERY_BYTES = 16L << 20;

    private final Path dir;
    private final long bytes;
    private final ExecutorService thread;
    private Future<Path> pending;
    private int files;
    private boolean closed;

    SegmentPreallocator(Path dir, long bytes) {
        this.dir = dir;
        this.bytes = bytes;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "journal-preallocator");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts filling the next file in the background, unless one is already being filled or waits ready. */
    void request() {
        if (pending == null && !closed) {
            Path file = nextFile();
            pending = thread.submit(() -> fill(file));
        }
    }

    /**
     * Fills the next file now, on the calling thread; {@link #poll} then returns it. A failure (a disk without room
     * for a whole segment) is logged, and the segment will grow as it is written instead.
     */
    void fillNow() {
        if (pending == null) {
            try {
                pending = CompletableFuture.completedFuture(fill(nextFile()));
            } catch (IOException e) {
                LOG.warn("journal: could not preallocate a segment ({}); it will grow as it is written",
                        e.toString());
            }
        }
    }

    /** The filled file if it is ready (it is then the caller's), or null if none was asked for or it is not done. */
    Path poll() {
        if (pending == null || !pending.isDone()) {
            return null;
        }
        Future<Path> done = pending;
        pending = null;
        try {
            return done.get();
        } catch (ExecutionException e) {
            LOG.warn("journal: could not preallocate the next segment ({}); it will grow as it is written",
                    e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops the thread and deletes a filled file nobody took (one cut short deletes itself). */
    @Override
    public void close() {
        closed = true;
        if (pending != null && !pending.cancel(true)) {
            try {
                Files.deleteIfExists(pending.get());
            } catch (ExecutionException | IOException e) {
                LOG.debug("journal: preallocated file not cleaned up", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pending = null;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("journal: the preallocating thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes files a crash left behind before they became segments. */
    static void deleteLeftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path nextFile() {
        return dir.resolve("next-" + files++ + SUFFIX);
    }

    private Path fill(Path file) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < bytes) {
                zeros.clear().limit((int) Math.min(CHUNK_BYTES, bytes - written));
                while (zeros.hasRemaining()) {
                    written += ch.write(zeros);
                }
                if (written % FORCE_EVERY_BYTES == 0) {
                    ch.force(false);
                }
            }
            ch.force(true);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
