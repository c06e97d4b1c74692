package io.bourse.platform.account;

import io.bourse.platform.Refused;
import io.bourse.platform.audit.AuditTrail;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;

/**
 * Locking an account by staff (suspected takeover, a compliance hold): a locked account cannot log in and its
 * sessions end at once. Unlocking also lifts a lock left by failed logins.
 */
public final class AccountLocks {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditTrail audit;

    public AccountLocks(Jdbi jdbi, Clock clock, AuditTrail audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    public void lock(Actor by, long userId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw Refused.invalid("A reason of 1 to 500 characters is required.");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            UserRow u = UserRow.byIdForUpdate(h, userId).orElseThrow(() -> Refused.notFound("User"));
            if (u.locked()) {
                throw Refused.conflict("The account is already locked.");
            }
            h.createUpdate("UPDATE users SET locked = true WHERE user_id = :id").bind("id", userId).execute();
            Sessions.revokeAll(h, userId, 0, now);
            audit.append(h, now, by.name(), "ACCOUNT_LOCKED", Actor.subject(userId), "{\"locked\":false}",
                    "{\"locked\":true,\"reason\":" + Json.quote(why) + "}");
        });
    }

    public void unlock(Actor by, long userId) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            UserRow u = UserRow.byIdForUpdate(h, userId).orElseThrow(() -> Refused.notFound("User"));
            if (!u.locked() && (u.lockedUntil() == null || !u.lockedUntil().isAfter(now))) {
                throw Refused.conflict("The account is not locked.");
            }
            h.createUpdate("UPDATE users SET locked = false, locked_until = NULL WHERE user_id = :id")
                    .bind("id", userId).execute();
            audit.append(h, now, by.name(), "ACCOUNT_UNLOCKED", Actor.subject(userId), "{\"locked\":true}",
                    "{\"locked\":false}");
        });
    }
}
