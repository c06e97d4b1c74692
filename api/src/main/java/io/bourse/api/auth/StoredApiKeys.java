package io.bourse.api.auth;

import io.bourse.store.Accounts;
import io.bourse.store.StoredApiKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys from the database, cached in memory once found (a signed request must not wait for SQL). Keys
 * deleted through {@link #delete} leave the cache at once. Unknown keys are not cached, so a key created by
 * another process is found on its first use.
 */
public final class StoredApiKeys implements ApiKeys {
    private final Accounts accounts;
    private final ConcurrentHashMap<String, ApiKey> cache = new ConcurrentHashMap<>();

    public StoredApiKeys(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<ApiKey> find(String key) {
        ApiKey cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ApiKey> found = accounts.findKey(key).map(StoredApiKeys::toApiKey);
        found.ifPresent(k -> cache.put(key, k));
        return found;
    }

    public boolean delete(String key) {
        cache.remove(key);
        return accounts.deleteKey(key);
    }

    static ApiKey toApiKey(StoredApiKey s) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        s.permissions().forEach(p -> permissions.add(Permission.valueOf(p)));
        ApiKey key = s.kind() == StoredApiKey.Kind.HMAC ? ApiKey.hmac(s.apiKey(), s.userId(), permissions, s.secret())
                : ApiKey.ed25519(s.apiKey(), s.userId(), permissions, publicKey(s.publicKey()));
        return key.withIpWhitelist(s.ipWhitelist());
    }

    private static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored Ed25519 key could not be read", e);
        }
    }
}
