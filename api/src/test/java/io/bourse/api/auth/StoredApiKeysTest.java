package io.bourse.api.auth;

import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import io.bourse.store.StoredApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's view of keys stored in PostgreSQL: secrets opened, Ed25519 keys read, deletes take effect. */
class StoredApiKeysTest {
    @TempDir
    Path dir;

    @Test
    void storedKeysBecomeGatewayKeys() throws Exception {
        try (Database db = Database.embedded(dir.resolve("postgres"))) {
            Accounts accounts = new Accounts(db, MasterKey.load(null, dir.resolve("master.key")));
            StoredApiKeys keys = new StoredApiKeys(accounts);
            long user = accounts.createUser("keys@example.com");
            StoredApiKey hmac = accounts.createHmacKey(user, "bot", Set.of("READ", "TRADE"), List.of("10.0.0.1"));
            assertThat(keys.answersFromMemory(hmac.apiKey())).as("first use needs the database").isFalse();
            ApiKey found = keys.find(hmac.apiKey()).orElseThrow();
            assertThat(keys.answersFromMemory(hmac.apiKey())).isTrue();
            assertThat(found.userId()).isEqualTo(user);
            assertThat(found.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.TRADE);
            assertThat(found.ipWhitelist()).containsExactly("10.0.0.1");
            assertThat(Signatures.verify(found, "a=1", Signatures.hmacHex(hmac.secret(), "a=1"))).isTrue();

            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            StoredApiKey ed = accounts.createEd25519Key(user, "ed", pair.getPublic().getEncoded(), Set.of("READ"),
                    List.of());
            assertThat(keys.find(ed.apiKey()).orElseThrow().ed25519()).isEqualTo(pair.getPublic());

            assertThat(keys.find("unknown" + "0".repeat(57))).isEmpty();
            assertThat(keys.answersFromMemory("unknown" + "0".repeat(57))).as("remembered missing").isTrue();
            assertThat(keys.delete(hmac.apiKey())).isTrue();
            assertThat(keys.find(hmac.apiKey())).isEmpty();
        }
    }
}
