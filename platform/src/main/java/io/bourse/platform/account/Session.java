package io.bourse.platform.account;

import java.time.Instant;

/** A live web session; {@code csrfToken} must come back in the X-CSRF-Token header of every change. */
public record Session(long sessionId, long userId, String csrfToken, Instant createdAt, Instant lastSeenAt,
                      Instant expiresAt, String ip, String userAgent) {
}
