package io.bourse.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A record that is damaged where a crash cannot explain it (not at the very end of the journal). */
public final class JournalCorruptedException extends IOException {
    private final Path file;
    private final long offset;

    public JournalCorruptedException(Path file, long offset, String problem) {
        super("journal corrupted: " + file + " at byte offset " + offset + ": " + problem
                + " (not a torn tail; refusing to start rather than skip records)");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
