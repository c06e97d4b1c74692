package io.bourse.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute force and leaks: failed logins lock an account for a while and then an IP, wrong two-factor codes are
 * throttled, and no password, token, secret or code ever reaches the logs (everything logged at DEBUG during a
 * whole account life is searched).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountSecurityTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir, ApiConfig.defaults(0), true);
        base = exchange.baseUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    @Test
    @Order(1)
    void tooManyWrongPasswordsLockTheAccountForAWhile() {
        String email = "victim@example.com";
        Browser.verifiedUser(base, email, "victim's password");
        Browser attacker = new Browser(base);
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.login(email, "guess " + i).code()).isEqualTo(-7004);
        }
        Browser.Response locked = new Browser(base).login(email, "victim's password");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo(-7006);
        assertThat(locked.json().getString("msg")).startsWith("Too many failed logins; try again in ");
        assertThat(Browser.latestMail(base, email).getString("subject")).isEqualTo("Too many failed logins");

        long userId = exchange.db.jdbi().withHandle(h -> h.createQuery("SELECT user_id FROM users WHERE email = :e")
                .bind("e", email).mapTo(Long.class).one());
        assertThat(Browser.asOperator(base, "POST", "/bourse/operator/users/unlock", "userId", Long.toString(userId))
                .status()).isEqualTo(200);
        assertThat(new Browser(base).login(email, "victim's password").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void wrongTwoFactorCodesAreThrottled() {
        Browser b = Browser.verifiedUser(base, "twofactor@example.com", "password for 2fa");
        String secret = b.post("/bourse/v1/me/2fa/setup").json().getString("secret");
        b.post("/bourse/v1/me/2fa/enable", "totpCode", Browser.totp(secret, -1));
        for (int i = 0; i < 5; i++) {
            assertThat(b.post("/bourse/v1/me/2fa/recovery-codes", "totpCode", "00000" + i).code()).isEqualTo(-7010);
        }
        Browser.Response right = b.post("/bourse/v1/me/2fa/recovery-codes", "totpCode", Browser.totp(secret, 0));
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.code()).isEqualTo(-7006);
    }

    @Test
    @Order(3)
    void secretsNeverReachTheLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        List<String> secrets = new ArrayList<>();
        try {
            String email = "careful@example.com";
            String password = "Very-Secret-Password-42";
            secrets.add(password);
            Browser b = new Browser(base);
            b.post("/bourse/v1/auth/signup", "email", email, "password", password);
            String verifyToken = Browser.tokenFromLatestMail(base, email);
            secrets.add(verifyToken);
            b.post("/bourse/v1/auth/verify-email", "token", verifyToken);
            b.login(email, "Wrong-Password-That-Is-Secret");
            secrets.add("Wrong-Password-That-Is-Secret");
            b.login(email, password);
            secrets.add(b.cookie);
            secrets.add(b.csrf);
            JSONObject setup = b.post("/bourse/v1/me/2fa/setup").json();
            secrets.add(setup.getString("secret"));
            JSONArray recovery = b.post("/bourse/v1/me/2fa/enable", "totpCode",
                    Browser.totp(setup.getString("secret"), -1)).json().getJSONArray("recoveryCodes");
            recovery.forEach(c -> secrets.add((String) c));
            JSONObject key = b.post("/bourse/v1/me/api-keys", "label", "k", "totpCode", recovery.getString(0)).json();
            secrets.add(key.getString("secretKey"));
            b.post("/bourse/v1/me/password", "currentPassword", password, "newPassword", "Another-Secret-Password-7",
                    "totpCode", recovery.getString(1));
            secrets.add("Another-Secret-Password-7");
            b.post("/bourse/v1/auth/password-reset/request", "email", email);
            String resetToken = Browser.tokenFromLatestMail(base, email);
            secrets.add(resetToken);
            b.post("/bourse/v1/auth/password-reset", "token", resetToken, "newPassword", "Third-Secret-Password-9");
            secrets.add("Third-Secret-Password-9");
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }
        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(line).as("a log line from %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    @Test
    @Order(4)
    void anIpThatKeepsFailingIsRefused() {
        Browser.verifiedUser(base, "innocent@example.com", "innocent password");
        Browser attacker = new Browser(base);
        for (int i = 0; i < 60; i++) {
            int code = attacker.login("nobody" + i + "@example.com", "guess").code();
            if (code == -7006) {
                break;
            }
            assertThat(code).isEqualTo(-7004);
        }
        Browser.Response refused = new Browser(base).login("innocent@example.com", "innocent password");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo(-7006);
    }
}
