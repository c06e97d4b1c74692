package io.bourse.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL keeps its data in the data directory across restarts. */
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
}
