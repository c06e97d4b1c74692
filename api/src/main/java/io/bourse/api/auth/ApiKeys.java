package io.bourse.api.auth;

import java.util.Optional;

/** Where the gateway looks keys up (a database in production; memory in tests). */
public interface ApiKeys {
    Optional<ApiKey> find(String key);

    /**
     * Whether {@link #find} would answer this key from memory. When not, the server looks it up on a worker
     * thread first, so an event loop never waits for the database.
     */
    default boolean answersFromMemory(String key) {
        return true;
    }

    /** Drops what is remembered of a key that was just deleted, so it stops working at once. */
    default void forget(String key) {
    }

    /** Looks in {@code first}, then in {@code second}. */
    static ApiKeys layered(ApiKeys first, ApiKeys second) {
        return new ApiKeys() {
            @Override
            public Optional<ApiKey> find(String key) {
                return first.find(key).or(() -> second.find(key));
            }

            @Override
            public void forget(String key) {
                first.forget(key);
                second.forget(key);
            }

            @Override
            public boolean answersFromMemory(String key) {
                return first.answersFromMemory(key) && (first.find(key).isPresent() || second.answersFromMemory(key));
            }
        };
    }
}
