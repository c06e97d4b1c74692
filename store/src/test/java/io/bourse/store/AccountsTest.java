package io.bourse.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users and API keys in a real (embedded) PostgreSQL; secrets never stored in clear. */
class AccountsTest {
    @TempDir
    static Path dir;
    static Database db;
    static Accounts accounts;

    @BeforeAll
    static void start() throws Exception {
        db = Database.embedded(dir.resolve("postgres"));
        accounts = new Accounts(db, MasterKey.load(null, dir.resolve("master.key")));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void keysRoundTripAndSecretsAreSealed() {
        long user = accounts.createUser("keys@example.com");
        StoredApiKey created = accounts.createHmacKey(user, "bot", Set.of("READ", "TRADE"), List.of("127.0.0.1"));
        assertThat(created.apiKey()).hasSize(64);
        StoredApiKey found = accounts.findKey(created.apiKey()).orElseThrow();
        assertThat(found.secret()).isEqualTo(created.secret());
        assertThat(found.permissions()).containsExactlyInAnyOrder("READ", "TRADE");
        assertThat(found.ipWhitelist()).containsExactly("127.0.0.1");
        byte[] stored = db.jdbi().withHandle(h -> h.createQuery("SELECT secret_enc FROM api_keys WHERE api_key = :k")
                .bind("k", created.apiKey()).mapTo(byte[].class).one());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(created.secret(), StandardCharsets.US_ASCII));
        assertThat(accounts.deleteKey(created.apiKey())).isTrue();
        assertThat(accounts.findKey(created.apiKey())).isEmpty();
    }

    @Test
    void emailsAreUnique() {
        long first = accounts.createUser("twice@example.com");
        assertThat(first).isGreaterThanOrEqualTo(1000);
        assertThat(accounts.userByEmail("twice@example.com")).contains(first);
        assertThatThrownBy(() -> accounts.createUser("twice@example.com"))
                .isInstanceOf(Accounts.DuplicateEmailException.class);
    }

    @Test
    void aDifferentMasterKeyCannotOpenSecrets() throws Exception {
        MasterKey other = MasterKey.load(null, dir.resolve("other.key"));
        byte[] sealed = MasterKey.load(null, dir.resolve("master.key")).seal(new byte[]{1, 2, 3});
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
    }
}
