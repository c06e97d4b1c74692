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

import java.time.Clock;
import java.time.Instant;

/**
 * Changing a password (knowing the current one) and resetting a forgotten one (by a mailed link). Either ends the
 * user's other sessions and tells the user by mail. A reset does not switch off two-factor authentication.
 */
public final class PasswordChanges {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordChanges.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final PlatformConfig config;
    private final PasswordHasher hasher;
    private final TwoFactor twoFactor;
    private final AuditTrail audit;
    private final Outbox outbox;

    public PasswordChanges(Jdbi jdbi, Clock clock, PlatformConfig config, PasswordHasher hasher, TwoFactor twoFactor,
                           AuditTrail audit, Outbox outbox) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.hasher = hasher;
        this.twoFactor = twoFactor;
        this.audit = audit;
        this.outbox = outbox;
    }

    public void change(Session session, String current, String next, String code) {
        Instant now = clock.instant();
        UserRow user = jdbi.withHandle(h -> UserRow.byId(h, session.userId())).orElseThrow(Refused::notLoggedIn);
        if (current == null || !hasher.verify(current, user.passwordHash())) {
            throw Refused.wrongPassword();
        }
        Passwords.check(next, user.email());
        String hash = hasher.hash(next);
        jdbi.useTransaction(h -> {
            twoFactor.require(h, user.userId(), code, now);
            h.createUpdate("UPDATE users SET password_hash = :hash WHERE user_id = :id")
                    .bind("hash", hash).bind("id", user.userId()).execute();
            Sessions.revokeAll(h, user.userId(), session.sessionId(), now);
            audit.append(h, now, Actor.user(user.userId()).name(), "PASSWORD_CHANGED", Actor.subject(user.userId()),
                    "{}", "{\"otherSessionsRevoked\":true}");
            LOG.info("account: user {} changed their password", user.userId());
            outbox.enqueue(h, now, user.email(), "Your password was changed",
                    "The password of your Bourse account was changed and your other sessions were ended. If this "
                            + "was not you, reset your password at " + config.publicUrl() + "/reset-password.");
        });
    }

    /** Mails a reset link if the address has a verified account; answers the same either way. */
    public void requestReset(String rawEmail) {
        String email = Emails.normalize(rawEmail);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> UserRow.byEmail(h, email).filter(UserRow::emailVerified).ifPresent(u -> {
            String token = OneTimeTokens.issue(h, u.userId(), OneTimeTokens.Purpose.RESET_PASSWORD, now,
                    config.resetPasswordTtl());
            outbox.enqueue(h, now, email, "Reset your password",
                    "Open this link to choose a new password for your Bourse account:\n\n" + config.publicUrl()
                            + "/reset-password?token=" + token + "\n\nThe link works for "
                            + config.resetPasswordTtl().toMinutes() + " minutes. If you did not ask for it, ignore "
                            + "this mail: your password stays as it is.");
        }));
    }

    /** Sets a new password from a reset link; ends all sessions and lifts a lock left by failed logins. */
    public void reset(String token, String next) {
        Instant now = clock.instant();
        if (next == null || next.length() < Refused.Limits.PASSWORD_MIN || next.length() > Refused.Limits.PASSWORD_MAX) {
            throw Refused.badPassword();
        }
        String hash = hasher.hash(next);
        jdbi.useTransaction(h -> {
            long userId = OneTimeTokens.consume(h, token, OneTimeTokens.Purpose.RESET_PASSWORD, now);
            UserRow user = UserRow.byIdForUpdate(h, userId).orElseThrow(Refused::badLink);
            Passwords.check(next, user.email());
            h.createUpdate("UPDATE users SET password_hash = :hash, locked_until = NULL WHERE user_id = :id")
                    .bind("hash", hash).bind("id", userId).execute();
            Sessions.revokeAll(h, userId, 0, now);
            audit.append(h, now, Actor.user(userId).name(), "PASSWORD_RESET", Actor.subject(userId), "{}",
                    "{\"sessionsRevoked\":true}");
            LOG.info("account: user {} reset their password", userId);
            outbox.enqueue(h, now, user.email(), "Your password was reset",
                    "The password of your Bourse account was reset and all its sessions were ended.");
        });
    }
}
