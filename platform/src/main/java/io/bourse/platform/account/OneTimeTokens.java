package io.bourse.platform.account;

import io.bourse.platform.Refused;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Single-use tokens behind the links we mail (verify email, reset password); stored as hashes only. */
final class OneTimeTokens {
    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    private OneTimeTokens() {
    }

    /** A new token; earlier unused tokens of the same purpose stop working. */
    static String issue(Handle h, long userId, Purpose purpose, Instant now, Duration ttl) {
        h.createUpdate("UPDATE one_time_tokens SET used_at = :now WHERE user_id = :user AND purpose = :purpose "
                        + "AND used_at IS NULL")
                .bind("now", Timestamp.from(now)).bind("user", userId).bind("purpose", purpose.name()).execute();
        String token = Secrets.token();
        h.createUpdate("INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) "
                        + "VALUES (:hash, :user, :purpose, :expires)")
                .bind("hash", Secrets.sha256(token)).bind("user", userId).bind("purpose", purpose.name())
                .bind("expires", Timestamp.from(now.plus(ttl))).execute();
        return token;
    }

    /** Marks the token used and returns its user; refuses an unknown, used or expired token. */
    static long consume(Handle h, String token, Purpose purpose, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            throw Refused.badLink();
        }
        return h.createQuery("UPDATE one_time_tokens SET used_at = :now WHERE token_hash = :hash "
                        + "AND purpose = :purpose AND used_at IS NULL AND expires_at > :now RETURNING user_id")
                .bind("now", Timestamp.from(now)).bind("hash", Secrets.sha256(token))
                .bind("purpose", purpose.name())
                .mapTo(Long.class).findOne().orElseThrow(Refused::badLink);
    }
}
