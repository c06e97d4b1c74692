package io.bourse.api.auth;

import java.util.Optional;

/** Where the gateway looks keys up (a database in production; memory in tests). */
public interface ApiKeys {
    Optional<ApiKey> find(String key);

    /** Looks in {@code first}, then in {@code second}. */
    static ApiKeys layered(ApiKeys first, ApiKeys second) {
        return key -> first.find(key).or(() -> second.find(key));
    }
}
