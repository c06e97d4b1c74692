package io.bourse.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damages files the way crashes and bad disks do, for tests. */
public final class Damage {
    private Damage() {
    }

    /** Flips bits of the byte at {@code offset}. */
    public static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5a);
        }
    }

    /** Overwrites {@code length} bytes from {@code offset} with zeros: a page of a write that never reached the disk. */
    public static void zero(Path file, long offset, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[length]);
        }
    }

    /** Cuts the file to {@code size} bytes, as a crash mid-write can. */
    public static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }
}
