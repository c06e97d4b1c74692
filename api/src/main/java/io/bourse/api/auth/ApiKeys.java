package io.bourse.api.auth;

import java.util.Optional;

/** Where the gateway looks keys up (a database in production; memory in tests). */
public interface ApiKeys {
    Optional<ApiKey> find(String key);
}
