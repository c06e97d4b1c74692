package io.bourse.platform.account;

import io.bourse.platform.PlatformConfig;
import io.bourse.platform.Refused;
import io.bourse.platform.audit.AuditTrail;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Web sessions. A session is found by the hash of its cookie token; it ends at its absolute expiry, after
 * {@link PlatformConfig#sessionIdle()} without use, or when revoked. A login always creates a new session (a
 * session id planted before login is never promoted: no session fixation).
 */
public final class Sessions {
    /** How stale {@code last_seen_at} may get before a request writes it again (a write per request is waste). */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final PlatformConfig config;
    private final AuditTrail audit;

    public Sessions(Jdbi jdbi, Clock clock, PlatformConfig config, AuditTrail audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.audit = audit;
    }

    /** A new session's cookie token (shown to the browser only) and the session. */
    public record Opened(String token, Session session) {
    }

    Opened open(Handle h, long userId, String ip, String userAgent, Instant now) {
        String token = Secrets.token();
        String csrf = Secrets.token();
        Instant expires = now.plus(config.sessionTtl());
        String agent = userAgent == null ? "" : userAgent.substring(0, Math.min(userAgent.length(), 300));
        long id = h.createQuery("INSERT INTO sessions (token_hash, csrf_token, user_id, created_at, last_seen_at, "
                        + "expires_at, ip, user_agent) VALUES (:hash, :csrf, :user, :now, :now, :expires, :ip, :agent) "
                        + "RETURNING session_id")
                .bind("hash", Secrets.sha256(token)).bind("csrf", csrf).bind("user", userId)
                .bind("now", Timestamp.from(now)).bind("expires", Timestamp.from(expires)).bind("ip", ip)
                .bind("agent", agent).mapTo(Long.class).one();
        return new Opened(token, new Session(id, userId, csrf, now, now, expires, ip, agent));
    }

    /** The live session behind a cookie token, if any. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            Optional<Session> found = h.createQuery("SELECT s.* FROM sessions s JOIN users u USING (user_id) "
                            + "WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > :now "
                            + "AND s.last_seen_at > :idleSince AND NOT u.locked")
                    .bind("hash", Secrets.sha256(token)).bind("now", Timestamp.from(now))
                    .bind("idleSince", Timestamp.from(now.minus(config.sessionIdle())))
                    .map((rs, ctx) -> session(rs)).findOne();
            found.filter(s -> s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)).ifPresent(s ->
                    h.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE session_id = :id")
                            .bind("now", Timestamp.from(now)).bind("id", s.sessionId()).execute());
            return found;
        });
    }

    /** The user's live sessions, newest first. */
    public List<Session> list(long userId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sessions WHERE user_id = :user "
                        + "AND revoked_at IS NULL AND expires_at > :now AND last_seen_at > :idleSince "
                        + "ORDER BY session_id DESC")
                .bind("user", userId).bind("now", Timestamp.from(now))
                .bind("idleSince", Timestamp.from(now.minus(config.sessionIdle())))
                .map((rs, ctx) -> session(rs)).list());
    }

    /** Ends one of the user's sessions (logout, or revoking another device). */
    public void revoke(long userId, long sessionId) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE session_id = :id AND user_id = :user "
                            + "AND revoked_at IS NULL")
                    .bind("now", Timestamp.from(now)).bind("id", sessionId).bind("user", userId).execute();
            if (n == 0) {
                throw Refused.notFound("Session");
            }
            audit.append(h, now, Actor.user(userId).name(), "SESSION_REVOKED", Actor.subject(userId),
                    "{\"sessionId\":" + sessionId + "}", "{}");
        });
    }

    /** Ends every session of the user except {@code keep} (0: all of them). */
    static void revokeAll(Handle h, long userId, long keep, Instant now) {
        h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE user_id = :user AND session_id <> :keep "
                        + "AND revoked_at IS NULL")
                .bind("now", Timestamp.from(now)).bind("user", userId).bind("keep", keep).execute();
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("session_id"), rs.getLong("user_id"), rs.getString("csrf_token"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getString("ip"), rs.getString("user_agent"));
    }
}
