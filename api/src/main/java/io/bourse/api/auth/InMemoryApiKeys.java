package io.bourse.api.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys held in memory: for tests, and as the cache in front of a persistent store. */
public final class InMemoryApiKeys implements ApiKeys {
    private final ConcurrentHashMap<String, ApiKey> keys = new ConcurrentHashMap<>();

    public void put(ApiKey key) {
        keys.put(key.key(), key);
    }

    public void remove(String key) {
        keys.remove(key);
    }

    @Override
    public Optional<ApiKey> find(String key) {
        return Optional.ofNullable(keys.get(key));
    }
}
