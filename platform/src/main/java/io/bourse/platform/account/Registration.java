package io.bourse.platform.account;

import io.bourse.platform.PlatformConfig;
import io.bourse.platform.Refused;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.mail.Outbox;
import io.bourse.platform.password.PasswordHasher;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-up and email verification. A sign-up answers the same whether or not the email is taken, so the form
 * cannot be used to find out who has an account; the owner of a taken address gets a mail saying so instead.
 * Signing up again with an address that was never verified replaces the password: whoever proves they own the
 * address by opening the link decides it (so nobody can pre-register someone else's address and keep a way in).
 */
public final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final PlatformConfig config;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Outbox outbox;

    public Registration(Jdbi jdbi, Clock clock, PlatformConfig config, PasswordHasher hasher, AuditTrail audit,
                        Outbox outbox) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.hasher = hasher;
        this.audit = audit;
        this.outbox = outbox;
    }

    /** What a sign-up form sends: credentials, an optional referral code and where the user came from. */
    public record SignUp(String email, String password, String referralCode, String utmSource, String utmMedium,
                         String utmCampaign) {
    }

    public void signUp(SignUp s) {
        String email = Emails.normalize(s.email());
        Passwords.check(s.password(), email);
        String source = Attribution.clean("utm_source", s.utmSource());
        String medium = Attribution.clean("utm_medium", s.utmMedium());
        String campaign = Attribution.clean("utm_campaign", s.utmCampaign());
        String hash = hasher.hash(s.password());
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            Long referrer = referrer(h, s.referralCode());
            Optional<UserRow> existing = UserRow.byEmail(h, email);
            if (existing.isPresent()) {
                UserRow u = existing.get();
                if (u.emailVerified()) {
                    outbox.enqueue(h, now, email, "Someone tried to sign up with your address",
                            "Somebody (perhaps you) tried to open a Bourse account with this address, which already"
                                    + " has one. If that was you, log in or reset your password at "
                                    + config.publicUrl() + "/reset-password. Otherwise you can ignore this mail.");
                    return;
                }
            }
            long userId = existing.map(UserRow::userId).orElseGet(() -> insert(h, email, now));
            h.createUpdate("UPDATE users SET password_hash = :hash, referral_code = COALESCE(referral_code, :code), referred_by = :ref, "
                            + "utm_source = :source, utm_medium = :medium, utm_campaign = :campaign WHERE user_id = :id")
                    .bind("hash", hash).bind("code", uniqueReferralCode(h)).bind("ref", referrer)
                    .bind("source", source).bind("medium", medium).bind("campaign", campaign).bind("id", userId)
                    .execute();
            audit.append(h, now, Actor.user(userId).name(), "SIGN_UP", Actor.subject(userId), "{}",
                    "{\"email\":" + Json.quote(email) + (referrer == null ? "" : ",\"referredBy\":" + referrer) + "}");
            mailVerification(h, userId, email, now);
            LOG.info("account: user {} signed up{}", userId, referrer == null ? "" : " (referred by " + referrer + ")");
        });
    }

    /** Opens the link of a verification mail; the account reaches KYC tier 0 (may deposit). */
    public long verifyEmail(String token) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            long userId = OneTimeTokens.consume(h, token, OneTimeTokens.Purpose.VERIFY_EMAIL, now);
            h.createUpdate("UPDATE users SET email_verified_at = :now WHERE user_id = :id AND email_verified_at IS NULL")
                    .bind("now", Timestamp.from(now)).bind("id", userId).execute();
            audit.append(h, now, Actor.user(userId).name(), "EMAIL_VERIFIED", Actor.subject(userId),
                    "{\"emailVerified\":false}", "{\"emailVerified\":true}");
            LOG.info("account: user {} verified their email address", userId);
            return userId;
        });
    }

    /** Mails a fresh verification link if the address belongs to an unverified account; silent otherwise. */
    public void resendVerification(String rawEmail) {
        String email = Emails.normalize(rawEmail);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> UserRow.byEmail(h, email)
                .filter(u -> !u.emailVerified() && u.passwordHash() != null)
                .ifPresent(u -> mailVerification(h, u.userId(), email, now)));
    }

    private void mailVerification(Handle h, long userId, String email, Instant now) {
        String token = OneTimeTokens.issue(h, userId, OneTimeTokens.Purpose.VERIFY_EMAIL, now,
                config.verifyEmailTtl());
        outbox.enqueue(h, now, email, "Verify your email address",
                "Welcome to Bourse. Open this link to verify your email address:\n\n" + config.publicUrl()
                        + "/verify-email?token=" + token + "\n\nThe link works for "
                        + config.verifyEmailTtl().toHours() + " hours.");
    }

    private static long insert(Handle h, String email, Instant now) {
        return h.createQuery("INSERT INTO users (user_id, email, created_at) VALUES (nextval('user_ids'), :email, :now) "
                        + "RETURNING user_id")
                .bind("email", email).bind("now", Timestamp.from(now)).mapTo(Long.class).one();
    }

    private static Long referrer(Handle h, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return h.createQuery("SELECT user_id FROM users WHERE referral_code = :code")
                .bind("code", code.trim().toUpperCase(java.util.Locale.ROOT)).mapTo(Long.class).findOne()
                .orElseThrow(() -> Refused.invalid("Unknown referral code."));
    }

    private static String uniqueReferralCode(Handle h) {
        while (true) {
            String code = Secrets.readableCode(8);
            boolean taken = h.createQuery("SELECT 1 FROM users WHERE referral_code = :code").bind("code", code)
                    .mapTo(Integer.class).findOne().isPresent();
            if (!taken) {
                return code;
            }
        }
    }
}
