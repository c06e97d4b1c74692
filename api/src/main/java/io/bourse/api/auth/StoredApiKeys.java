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
 * deleted through {@link #delete}, or {@link #forget forgotten} after their owner deleted them, leave the cache at
 * once. A key found missing is remembered as missing for a few
 * seconds, so requests with made-up keys cannot turn into a database query each; a key created by another process
 * is found within that time.
 */
public final class StoredApiKeys implements ApiKeys {
    private static final long MISSING_FOR_MS = 5_000;
    private static final int MAX_MISSING = 100_000;

    private final Accounts accounts;
    private final ConcurrentHashMap<String, ApiKey> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> missingUntil = new ConcurrentHashMap<>();

    public StoredApiKeys(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<ApiKey> find(String key) {
        ApiKey cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long now = System.currentTimeMillis();
        Long until = missingUntil.get(key);
        if (until != null && until > now) {
            return Optional.empty();
        }
        Optional<ApiKey> found = accounts.findKey(key).map(StoredApiKeys::toApiKey);
        if (found.isPresent()) {
            cache.put(key, found.get());
            missingUntil.remove(key);
        } else {
            if (missingUntil.size() >= MAX_MISSING) {
                missingUntil.clear();
            }
            missingUntil.put(key, now + MISSING_FOR_MS);
        }
        return found;
    }

    @Override
    public boolean answersFromMemory(String key) {
        if (cache.containsKey(key)) {
            return true;
        }
        Long until = missingUntil.get(key);
        return until != null && until > System.currentTimeMillis();
    }

    @Override
    public void forget(String key) {
        cache.remove(key);
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
