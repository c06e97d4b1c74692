package io.bourse.platform.account;

import io.bourse.platform.PlatformConfig;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts failed logins in the database: per account since its last successful login (too many lock it for a
 * while), and per IP (too many refuse that IP for the rest of the window). Attempts are written in their own
 * transaction, so a refused login still counts.
 */
final class LoginThrottle {
    private final PlatformConfig config;

    LoginThrottle(PlatformConfig config) {
        this.config = config;
    }

    /** Seconds until the IP may try again (0: now). */
    long ipRetryAfter(Handle h, String ip, Instant now) {
        Instant since = now.minus(config.loginWindow());
        var oldest = h.createQuery("SELECT at FROM login_attempts WHERE ip = :ip AND NOT success AND at > :since "
                        + "ORDER BY at DESC OFFSET :n LIMIT 1")
                .bind("ip", ip).bind("since", Timestamp.from(since)).bind("n", config.failuresPerIp() - 1)
                .mapTo(Timestamp.class).findOne();
        return oldest.map(t -> Duration.between(now, t.toInstant().plus(config.loginWindow())).toSeconds() + 1)
                .orElse(0L);
    }

    /** Failed logins of the account within the window and since its last successful one. */
    int accountFailures(Handle h, String email, Instant now) {
        return h.createQuery("SELECT count(*) FROM login_attempts WHERE email = :email AND NOT success AND at > "
                        + "GREATEST(:since, COALESCE((SELECT max(at) FROM login_attempts WHERE email = :email AND success), :since))")
                .bind("email", email).bind("since", Timestamp.from(now.minus(config.loginWindow())))
                .mapTo(Integer.class).one();
    }

    static void record(Handle h, String email, Long userId, String ip, Instant now, boolean success) {
        h.createUpdate("INSERT INTO login_attempts (email, user_id, ip, at, success) VALUES (:email, :user, :ip, :at, :ok)")
                .bind("email", email).bind("user", userId).bind("ip", ip).bind("at", Timestamp.from(now))
                .bind("ok", success).execute();
    }
}
