package io.bourse.platform.account;

import io.bourse.platform.PlatformConfig;
import io.bourse.platform.Refused;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.mail.Outbox;
import io.bourse.platform.password.PasswordHasher;
import io.bourse.platform.twofactor.TwoFactor;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logging in and out. The order of checks matters: a throttled IP or a temporarily locked account is refused
 * before the password is looked at (so guessing stops), an unknown email costs the same hashing time as a known
 * one (so timing does not tell which emails exist), and the two-factor code is checked only after the password.
 */
public final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final PlatformConfig config;
    private final PasswordHasher hasher;
    private final TwoFactor twoFactor;
    private final Sessions sessions;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final LoginThrottle throttle;

    public Logins(Jdbi jdbi, Clock clock, PlatformConfig config, PasswordHasher hasher, TwoFactor twoFactor,
                  Sessions sessions, AuditTrail audit, Outbox outbox) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.hasher = hasher;
        this.twoFactor = twoFactor;
        this.sessions = sessions;
        this.audit = audit;
        this.outbox = outbox;
        this.throttle = new LoginThrottle(config);
    }

    public Sessions.Opened login(String rawEmail, String password, String code, String ip, String userAgent) {
        String email = Emails.normalize(rawEmail);
        if (password == null || password.isEmpty() || password.length() > Refused.Limits.PASSWORD_MAX) {
            throw Refused.wrongCredentials();
        }
        Instant now = clock.instant();
        long ipWait = jdbi.withHandle(h -> throttle.ipRetryAfter(h, ip, now));
        if (ipWait > 0) {
            throw Refused.tooManyAttempts(ipWait);
        }
        Optional<UserRow> found = jdbi.withHandle(h -> UserRow.byEmail(h, email));
        if (found.isEmpty() || found.get().passwordHash() == null) {
            hasher.verifyNothing(password);
            fail(email, null, ip, now);
            throw Refused.wrongCredentials();
        }
        UserRow user = found.get();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            throw Refused.tooManyAttempts(Duration.between(now, user.lockedUntil()).toSeconds() + 1);
        }
        if (!hasher.verify(password, user.passwordHash())) {
            fail(email, user, ip, now);
            throw Refused.wrongCredentials();
        }
        if (user.locked()) {
            throw Refused.accountLocked();
        }
        if (!user.emailVerified()) {
            throw Refused.emailNotVerified();
        }
        String rehash = hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null;
        try {
            return jdbi.inTransaction(h -> {
                twoFactor.require(h, user.userId(), code, now);
                LoginThrottle.record(h, email, user.userId(), ip, now, true);
                if (rehash != null) {
                    h.createUpdate("UPDATE users SET password_hash = :hash WHERE user_id = :id")
                            .bind("hash", rehash).bind("id", user.userId()).execute();
                }
                Sessions.Opened opened = sessions.open(h, user.userId(), ip, userAgent, now);
                audit.append(h, now, Actor.user(user.userId()).name(), "LOGIN", Actor.subject(user.userId()), "{}",
                        "{\"sessionId\":" + opened.session().sessionId() + ",\"ip\":" + Json.quote(ip) + "}");
                LOG.info("account: user {} logged in from {} (session {})", user.userId(), ip,
                        opened.session().sessionId());
                return opened;
            });
        } catch (Refused r) {
            if (r.code() == Refused.wrongTwoFactor().code()) {
                fail(email, user, ip, now);
            }
            throw r;
        }
    }

    public void logout(Session session) {
        sessions.revoke(session.userId(), session.sessionId());
    }

    /** Records a failed attempt; the one that reaches the limit locks the account for a while and tells its owner. */
    private void fail(String email, UserRow user, String ip, Instant now) {
        LOG.info("account: failed login for {} from {}", user == null ? "an unknown address" : "user " + user.userId(),
                ip);
        jdbi.useTransaction(h -> {
            LoginThrottle.record(h, email, user == null ? null : user.userId(), ip, now, false);
            if (user != null && throttle.accountFailures(h, email, now) >= config.failuresPerAccount()) {
                Instant until = now.plus(config.lockFor());
                h.createUpdate("UPDATE users SET locked_until = :until WHERE user_id = :id")
                        .bind("until", Timestamp.from(until)).bind("id", user.userId()).execute();
                LOG.warn("account: user {} locked until {} after too many failed logins", user.userId(), until);
                audit.append(h, now, Actor.SYSTEM.name(), "LOCKED_AFTER_FAILED_LOGINS", Actor.subject(user.userId()),
                        "{}", "{\"lockedUntil\":\"" + until + "\"}");
                outbox.enqueue(h, now, email, "Too many failed logins",
                        "Someone failed to log in to your Bourse account " + config.failuresPerAccount()
                                + " times, so logins are paused until " + until + " (UTC). If that was not you, "
                                + "consider changing your password and enabling two-factor authentication.");
            }
        });
    }
}
