package io.bourse.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Users and their API keys in the database; HMAC secrets are sealed with the {@link MasterKey}. */
public final class Accounts {
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final MasterKey masterKey;

    public Accounts(Database db, MasterKey masterKey) {
        this.jdbi = db.jdbi();
        this.masterKey = masterKey;
    }

    /** Thrown when an email is already registered. */
    public static final class DuplicateEmailException extends RuntimeException {
        public DuplicateEmailException(String email) {
            super("a user with email " + email + " already exists");
        }
    }

    /** Registers a user; returns the new user id. */
    public long createUser(String email) {
        try {
            return jdbi.withHandle(h -> h.createQuery(
                            "INSERT INTO users (user_id, email) VALUES (nextval('user_ids'), :email) RETURNING user_id")
                    .bind("email", email).mapTo(Long.class).one());
        } catch (UnableToExecuteStatementException e) {
            if (e.getMessage() != null && e.getMessage().contains("users_email_key")) {
                throw new DuplicateEmailException(email);
            }
            throw e;
        }
    }

    public Optional<Long> userByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM users WHERE email = :email")
                .bind("email", email).mapTo(Long.class).findOne());
    }

    /** A new HMAC key for the user: returns it with its secret (shown once; stored only sealed). */
    public StoredApiKey createHmacKey(long userId, String label, Set<String> permissions, List<String> ipWhitelist) {
        return jdbi.withHandle(h -> createHmacKey(h, userId, label, permissions, ipWhitelist));
    }

    /** The same within the caller's transaction. */
    public StoredApiKey createHmacKey(Handle h, long userId, String label, Set<String> permissions,
                                      List<String> ipWhitelist) {
        String key = random(64);
        byte[] secret = random(64).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        insert(h, key, userId, label, StoredApiKey.Kind.HMAC, masterKey.seal(secret), null, permissions, ipWhitelist);
        return new StoredApiKey(key, userId, label, StoredApiKey.Kind.HMAC, secret, null, Set.copyOf(permissions),
                List.copyOf(ipWhitelist));
    }

    /** Registers the user's Ed25519 public key (X.509 encoded); the private key never reaches the exchange. */
    public StoredApiKey createEd25519Key(long userId, String label, byte[] publicKey, Set<String> permissions,
                                         List<String> ipWhitelist) {
        return jdbi.withHandle(h -> createEd25519Key(h, userId, label, publicKey, permissions, ipWhitelist));
    }

    /** The same within the caller's transaction. */
    public StoredApiKey createEd25519Key(Handle h, long userId, String label, byte[] publicKey,
                                         Set<String> permissions, List<String> ipWhitelist) {
        String key = random(64);
        insert(h, key, userId, label, StoredApiKey.Kind.ED25519, null, publicKey, permissions, ipWhitelist);
        return new StoredApiKey(key, userId, label, StoredApiKey.Kind.ED25519, null, publicKey.clone(),
                Set.copyOf(permissions), List.copyOf(ipWhitelist));
    }

    /** A key as its owner sees it in a list: never its secret. */
    public record KeySummary(String apiKey, String label, StoredApiKey.Kind kind, Set<String> permissions,
                             List<String> ipWhitelist, java.time.Instant createdAt) {
    }

    public List<KeySummary> keysOf(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT api_key, label, kind, permissions, ip_whitelist, created_at "
                        + "FROM api_keys WHERE user_id = :user ORDER BY created_at, api_key")
                .bind("user", userId)
                .map((rs, ctx) -> new KeySummary(rs.getString("api_key"), rs.getString("label"),
                        StoredApiKey.Kind.valueOf(rs.getString("kind")), Set.copyOf(split(rs.getString("permissions"))),
                        split(rs.getString("ip_whitelist")), rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    /** Deletes one of the user's keys within the caller's transaction; false if the user has no such key. */
    public boolean deleteKey(Handle h, long userId, String apiKey) {
        return h.createUpdate("DELETE FROM api_keys WHERE api_key = :key AND user_id = :user")
                .bind("key", apiKey).bind("user", userId).execute() > 0;
    }

    private void insert(Handle handle, String key, long userId, String label, StoredApiKey.Kind kind, byte[] sealed,
                        byte[] publicKey, Set<String> permissions, List<String> ips) {
        handle.createUpdate("INSERT INTO api_keys (api_key, user_id, label, kind, secret_enc, "
                        + "public_key, permissions, ip_whitelist) VALUES (:key, :user, :label, :kind, :secret, :pub, "
                        + ":perms, :ips)")
                .bind("key", key).bind("user", userId).bind("label", label).bind("kind", kind.name())
                .bind("secret", sealed).bind("pub", publicKey)
                .bind("perms", String.join(",", new TreeSet<>(permissions))).bind("ips", String.join(",", ips))
                .execute();
    }

    public Optional<StoredApiKey> findKey(String apiKey) {
        return jdbi.withHandle(h -> h.createQuery("SELECT api_key, user_id, label, kind, secret_enc, public_key, "
                        + "permissions, ip_whitelist FROM api_keys WHERE api_key = :key")
                .bind("key", apiKey)
                .map((rs, ctx) -> {
                    StoredApiKey.Kind kind = StoredApiKey.Kind.valueOf(rs.getString("kind"));
                    byte[] sealed = rs.getBytes("secret_enc");
                    return new StoredApiKey(rs.getString("api_key"), rs.getLong("user_id"), rs.getString("label"),
                            kind, sealed == null ? null : masterKey.open(sealed), rs.getBytes("public_key"),
                            Set.copyOf(split(rs.getString("permissions"))), split(rs.getString("ip_whitelist")));
                }).findOne());
    }

    public boolean deleteKey(String apiKey) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE api_key = :key").bind("key", apiKey)
                .execute()) > 0;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return new String(out);
    }
}
