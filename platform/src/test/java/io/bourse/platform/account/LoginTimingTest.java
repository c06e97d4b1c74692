package io.bourse.platform.account;

import io.bourse.platform.Platform;
import io.bourse.platform.PlatformConfig;
import io.bourse.platform.Refused;
import io.bourse.platform.TestDatabase;
import io.bourse.platform.kyc.Screening;
import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A login for an address nobody has takes as long as a wrong password for one that exists (both hash with the
 * real Argon2id cost), so response times do not tell which addresses have accounts. The margin is wide: without the
 * decoy hash an unknown address answers about fifty times faster.
 */
class LoginTimingTest {
    @Test
    void unknownAddressesCostAsMuchAsWrongPasswords() {
        Database db = TestDatabase.get();
        MasterKey key = new MasterKey(new byte[32]);
        Platform platform = new Platform(db, key, new Accounts(db, key), PlatformConfig.defaults("http://t",
                        Path.of("target", "login-timing"))
                .withLoginThrottle(1000, 1000, Duration.ofMinutes(1), Duration.ofMinutes(1)), Screening.defaults(),
                Clock.systemUTC());
        platform.registration().signUp(new Registration.SignUp("timing@example.com", "the right password", null,
                null, null, null));
        long[] unknown = new long[15];
        long[] wrong = new long[15];
        for (int i = 0; i < unknown.length; i++) {
            unknown[i] = timeFailedLogin(platform, "nobody" + i + "@example.com");
            wrong[i] = timeFailedLogin(platform, "timing@example.com");
        }
        double ratio = (double) median(unknown) / median(wrong);
        assertThat(ratio).as("unknown/known median time").isBetween(0.5, 2.0);
    }

    private static long timeFailedLogin(Platform platform, String email) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> platform.logins().login(email, "a wrong password", null, "10.0.0.1", "t"))
                .isInstanceOf(Refused.class);
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
