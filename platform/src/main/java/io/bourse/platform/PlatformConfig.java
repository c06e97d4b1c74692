package io.bourse.platform;

import io.bourse.platform.password.PasswordHasher;

import java.time.Duration;

/**
 * How the platform behaves: where its links point, how long sessions live, when logins are throttled, and the
 * password hashing cost.
 *
 * @param publicUrl            the web app's address, for links in mail (no trailing slash)
 * @param sessionTtl           a session's absolute lifetime
 * @param sessionIdle          a session unused this long ends
 * @param loginWindow          the window failed logins are counted in
 * @param failuresPerAccount   failed logins of one account in the window that lock it for {@code lockFor}
 * @param failuresPerIp        failed logins from one IP in the window after which that IP is refused
 * @param lockFor              how long an account stays locked after too many failures
 * @param verifyEmailTtl       how long an email verification link works
 * @param resetPasswordTtl     how long a password reset link works
 * @param passwordCost         the Argon2id cost of new password hashes
 */
public record PlatformConfig(String publicUrl, Duration sessionTtl, Duration sessionIdle, Duration loginWindow,
                             int failuresPerAccount, int failuresPerIp, Duration lockFor, Duration verifyEmailTtl,
                             Duration resetPasswordTtl, PasswordHasher.Cost passwordCost) {

    public static PlatformConfig defaults(String publicUrl) {
        return new PlatformConfig(publicUrl, Duration.ofDays(7), Duration.ofHours(12), Duration.ofMinutes(15), 5,
                50, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(1),
                PasswordHasher.Cost.DEFAULT);
    }

    public PlatformConfig withPasswordCost(PasswordHasher.Cost cost) {
        return new PlatformConfig(publicUrl, sessionTtl, sessionIdle, loginWindow, failuresPerAccount,
                failuresPerIp, lockFor, verifyEmailTtl, resetPasswordTtl, cost);
    }

    public PlatformConfig withLoginThrottle(int perAccount, int perIp, Duration window, Duration lock) {
        return new PlatformConfig(publicUrl, sessionTtl, sessionIdle, window, perAccount, perIp, lock,
                verifyEmailTtl, resetPasswordTtl, passwordCost);
    }
}
