package io.bourse.platform;

import io.bourse.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One embedded PostgreSQL for all of this module's tests (a start costs seconds), removed when the JVM ends. */
public final class TestDatabase {
    private static Database db;

    private TestDatabase() {
    }

    public static synchronized Database get() {
        if (db == null) {
            try {
                Path dir = Files.createTempDirectory("bourse-platform-test");
                db = Database.embedded(dir.resolve("pg"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        db.close();
                    } catch (IOException ignored) {
                        // the JVM is ending
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return db;
    }
}
