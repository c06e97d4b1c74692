package io.bourse.platform;

import io.bourse.platform.kyc.KycConfig;
import io.bourse.platform.password.PasswordHasher;

import java.nio.file.Path;
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
 * @param kyc                  KYC tiers' limits and where documents are kept
 */
public record PlatformConfig(String publicUrl, Duration sessionTtl, Duration sessionIdle, Duration loginWindow,
                             int failuresPerAccount, int failuresPerIp, Duration lockFor, Duration verifyEmailTtl,
                             Duration resetPasswordTtl, PasswordHasher.Cost passwordCost, KycConfig kyc) {

    /** Defaults; identity documents go to {@code dataDir/kyc-documents}. */
    public static PlatformConfig defaults(String publicUrl, Path dataDir) {
        return new PlatformConfig(publicUrl, Duration.ofDays(7), Duration.ofHours(12), Duration.ofMinutes(15), 5,
                50, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(1),
                PasswordHasher.Cost.DEFAULT, KycConfig.defaults(dataDir.resolve("kyc-documents")));
    }

    public PlatformConfig withPasswordCost(PasswordHasher.Cost cost) {
        return new PlatformConfig(publicUrl, sessionTtl, sessionIdle, loginWindow, failuresPerAccount,
                failuresPerIp, lockFor, verifyEmailTtl, resetPasswordTtl, cost, kyc);
    }

    public PlatformConfig withLoginThrottle(int perAccount, int perIp, Duration window, Duration lock) {
        return new PlatformConfig(publicUrl, sessionTtl, sessionIdle, window, perAccount, perIp, lock,
                verifyEmailTtl, resetPasswordTtl, passwordCost, kyc);
    }
}
