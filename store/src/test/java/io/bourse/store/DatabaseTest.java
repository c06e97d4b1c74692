package io.bourse.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL keeps its data in the data directory across restarts, and commits durably. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestartOfTheEmbeddedServer() throws Exception {
        try (Database db = Database.embedded(dir.resolve("postgres"))) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO users (user_id, email) VALUES (1, 'a@example.com')"));
        }
        try (Database db = Database.embedded(dir.resolve("postgres"))) {
            String email = db.jdbi().withHandle(h -> h.createQuery("SELECT email FROM users WHERE user_id = 1")
                    .mapTo(String.class).one());
            assertThat(email).isEqualTo("a@example.com");
        }
    }

    /** The library's defaults are for throwaway test databases; the exchange's must reach the disk on commit. */
    @Test
    void theEmbeddedServerCommitsDurably() throws Exception {
        try (Database db = Database.embedded(dir.resolve("postgres"))) {
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("SHOW fsync").mapTo(String.class).one()).isEqualTo("on");
                assertThat(h.createQuery("SHOW synchronous_commit").mapTo(String.class).one()).isEqualTo("on");
            });
        }
    }
}
