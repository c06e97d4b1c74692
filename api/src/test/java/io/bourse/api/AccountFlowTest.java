package io.bourse.api;

import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account flow over HTTP against the real server and PostgreSQL: sign-up, email verification, login, sessions,
 * CSRF, password change and reset, two-factor authentication, API keys used by Binance's own connector, operator
 * roles and account locks, and every refusal on the way.
 */
class AccountFlowTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static String base;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir, ApiConfig.defaults(0), true);
        base = exchange.baseUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    private static String email() {
        return "user" + NEXT.incrementAndGet() + "@example.com";
    }

    @Test
    void signUpVerifyLoginLogout() {
        String email = email();
        Browser b = new Browser(base);
        Browser.Response signUp = b.post("/bourse/v1/auth/signup", "email", email.toUpperCase(),
                "password", "correct horse battery", "utm_source", "newsletter", "utm_medium", "email",
                "utm_campaign", "launch-2026");
        assertThat(signUp.status()).isEqualTo(200);
        assertThat(signUp.json().getString("next")).isEqualTo("VERIFY_EMAIL");
        assertThat(b.cookie).isNull();

        Browser.Response early = b.login(email, "correct horse battery");
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.code()).isEqualTo(-7003);

        JSONObject mail = Browser.latestMail(base, email);
        assertThat(mail.getString("subject")).isEqualTo("Verify your email address");
        assertThat(mail.getString("body")).contains("http://bourse.test/verify-email?token=");
        String token = Browser.tokenFromLatestMail(base, email);
        Browser.Response verified = b.post("/bourse/v1/auth/verify-email", "token", token);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(b.post("/bourse/v1/auth/verify-email", "token", token).code()).isEqualTo(-7011);

        assertThat(b.login(email, "wrong password here").code()).isEqualTo(-7004);
        Browser.Response login = b.login(email, "correct horse battery");
        assertThat(login.status()).isEqualTo(200);
        String setCookie = login.setCookies().getFirst();
        assertThat(setCookie).startsWith("__Host-bourse_session=").contains("HTTPOnly", "Secure", "SameSite=Strict",
                "Path=/").doesNotContain("Domain");

        JSONObject me = b.get("/bourse/v1/me").json();
        assertThat(me.getString("email")).isEqualTo(email);
        assertThat(me.getBoolean("emailVerified")).isTrue();
        assertThat(me.getInt("kycTier")).isZero();
        assertThat(me.getBoolean("twoFactorEnabled")).isFalse();
        assertThat(me.getString("referralCode")).hasSize(8);
        assertThat(me.toString()).doesNotContain("password");
        String utm = exchange.db.jdbi().withHandle(h -> h.createQuery("SELECT utm_source || '/' || utm_medium || '/' "
                + "|| utm_campaign FROM users WHERE email = :e").bind("e", email).mapTo(String.class).one());
        assertThat(utm).isEqualTo("newsletter/email/launch-2026");

        assertThat(b.post("/bourse/v1/auth/logout").status()).isEqualTo(200);
        assertThat(b.cookie).isNull();
        assertThat(b.get("/bourse/v1/me").code()).isEqualTo(-7007);
    }

    @Test
    void referralCodesLinkUsersAndUnknownCodesAreRefused() {
        Browser referrer = Browser.verifiedUser(base, email(), "referrer password");
        String code = referrer.get("/bourse/v1/me").json().getString("referralCode");
        Browser b = new Browser(base);
        String email = email();
        Browser.Response bad = b.post("/bourse/v1/auth/signup", "email", email, "password", "some password",
                "referralCode", "NOPE0000");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("msg")).isEqualTo("Unknown referral code.");
        assertThat(Browser.latestMail(base, email)).isNull();
        assertThat(b.post("/bourse/v1/auth/signup", "email", email, "password", "some password",
                "referralCode", code.toLowerCase()).status()).isEqualTo(200);
        long referrerId = referrer.get("/bourse/v1/me").json().getLong("userId");
        Long referredBy = exchange.db.jdbi().withHandle(h -> h.createQuery("SELECT referred_by FROM users WHERE "
                + "email = :e").bind("e", email).mapTo(Long.class).one());
        assertThat(referredBy).isEqualTo(referrerId);
    }

    @Test
    void signUpRefusesBadInputAndDoesNotRevealTakenAddresses() {
        Browser b = new Browser(base);
        assertThat(b.post("/bourse/v1/auth/signup", "email", "not-an-email", "password", "long enough").code())
                .isEqualTo(-7002);
        assertThat(b.post("/bourse/v1/auth/signup", "email", email(), "password", "short").code()).isEqualTo(-7001);
        assertThat(b.post("/bourse/v1/auth/signup", "email", email()).code()).isEqualTo(-1102);
        assertThat(b.post("/bourse/v1/auth/signup", "email", email(), "password", "long enough",
                "utm_source", "<script>").code()).isEqualTo(-7000);

        String email = email();
        Browser owner = Browser.verifiedUser(base, email, "the real password");
        Browser.Response again = new Browser(base).post("/bourse/v1/auth/signup", "email", email,
                "password", "attacker password");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getString("next")).isEqualTo("VERIFY_EMAIL");
        assertThat(Browser.latestMail(base, email).getString("subject"))
                .isEqualTo("Someone tried to sign up with your address");
        assertThat(new Browser(base).login(email, "attacker password").code()).isEqualTo(-7004);
        assertThat(new Browser(base).login(email, "the real password").status()).isEqualTo(200);
        assertThat(owner.get("/bourse/v1/me").status()).isEqualTo(200);
    }

    @Test
    void changesNeedTheCsrfTokenAndTheSameOrigin() {
        Browser b = Browser.verifiedUser(base, email(), "csrf test password");
        Browser.Response forged = b.postWithoutCsrf("/bourse/v1/me/2fa/setup");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo(-7008);
        String realCsrf = b.csrf;
        b.csrf = (realCsrf.charAt(0) == 'x' ? "y" : "x") + realCsrf.substring(1);
        assertThat(b.post("/bourse/v1/me/2fa/setup").code()).isEqualTo(-7008);
        b.csrf = realCsrf;
        b.origin = "https://evil.example";
        assertThat(b.post("/bourse/v1/me/2fa/setup").code()).isEqualTo(-7008);
        b.origin = base;
        assertThat(b.get("/bourse/v1/me").status()).isEqualTo(200);
        assertThat(b.post("/bourse/v1/me/2fa/setup").status()).isEqualTo(200);
    }

    @Test
    void aSessionIdPlantedBeforeLoginIsNeverUsed() {
        String email = email();
        Browser.verifiedUser(base, email, "fixation password");
        Browser victim = new Browser(base);
        victim.cookie = "planted-by-attacker-0000000000000000000000000";
        assertThat(victim.get("/bourse/v1/me").code()).isEqualTo(-7007);
        victim.login(email, "fixation password");
        assertThat(victim.cookie).isNotEqualTo("planted-by-attacker-0000000000000000000000000");
        Browser attacker = new Browser(base);
        attacker.cookie = "planted-by-attacker-0000000000000000000000000";
        assertThat(attacker.get("/bourse/v1/me").code()).isEqualTo(-7007);
        assertThat(victim.get("/bourse/v1/me").status()).isEqualTo(200);
    }

    @Test
    void sessionsAreListedAndRevoked() {
        String email = email();
        Browser laptop = Browser.verifiedUser(base, email, "two devices password");
        Browser phone = new Browser(base);
        phone.login(email, "two devices password");
        JSONArray sessions = laptop.get("/bourse/v1/me/sessions").array();
        assertThat(sessions.length()).isEqualTo(2);
        long phoneSession = phone.get("/bourse/v1/me").json().getLong("sessionId");
        JSONObject listedPhone = sessions.getJSONObject(0);
        assertThat(listedPhone.getLong("sessionId")).isEqualTo(phoneSession);
        assertThat(listedPhone.getBoolean("current")).isFalse();
        assertThat(listedPhone.getString("userAgent")).isEqualTo("BourseTestBrowser/1.0");
        assertThat(laptop.delete("/bourse/v1/me/sessions", "sessionId", Long.toString(phoneSession)).status())
                .isEqualTo(200);
        assertThat(phone.get("/bourse/v1/me").code()).isEqualTo(-7007);
        assertThat(laptop.get("/bourse/v1/me").status()).isEqualTo(200);

        Browser other = Browser.verifiedUser(base, email(), "someone else's pw");
        long laptopSession = laptop.get("/bourse/v1/me").json().getLong("sessionId");
        assertThat(other.delete("/bourse/v1/me/sessions", "sessionId", Long.toString(laptopSession)).code())
                .isEqualTo(-7013);
        assertThat(laptop.get("/bourse/v1/me").status()).isEqualTo(200);
    }

    @Test
    void passwordChangeEndsOtherSessionsAndResetWorksByMail() {
        String email = email();
        Browser laptop = Browser.verifiedUser(base, email, "first password");
        Browser phone = new Browser(base);
        phone.login(email, "first password");
        assertThat(laptop.post("/bourse/v1/me/password", "currentPassword", "not it",
                "newPassword", "second password").code()).isEqualTo(-7015);
        assertThat(laptop.post("/bourse/v1/me/password", "currentPassword", "first password",
                "newPassword", "2short").code()).isEqualTo(-7001);
        assertThat(laptop.post("/bourse/v1/me/password", "currentPassword", "first password",
                "newPassword", "second password").status()).isEqualTo(200);
        assertThat(phone.get("/bourse/v1/me").code()).isEqualTo(-7007);
        assertThat(laptop.get("/bourse/v1/me").status()).isEqualTo(200);
        assertThat(Browser.latestMail(base, email).getString("subject")).isEqualTo("Your password was changed");

        Browser anyone = new Browser(base);
        assertThat(anyone.post("/bourse/v1/auth/password-reset/request", "email", "nobody@example.com").status())
                .isEqualTo(200);
        assertThat(anyone.post("/bourse/v1/auth/password-reset/request", "email", email).status()).isEqualTo(200);
        String token = Browser.tokenFromLatestMail(base, email);
        assertThat(anyone.post("/bourse/v1/auth/password-reset", "token", token, "newPassword", "x").code())
                .isEqualTo(-7001);
        assertThat(anyone.post("/bourse/v1/auth/password-reset", "token", "made-up", "newPassword",
                "third password").code()).isEqualTo(-7011);
        assertThat(anyone.post("/bourse/v1/auth/password-reset", "token", token, "newPassword", "third password")
                .status()).isEqualTo(200);
        assertThat(anyone.post("/bourse/v1/auth/password-reset", "token", token, "newPassword", "fourth password")
                .code()).isEqualTo(-7011);
        assertThat(laptop.get("/bourse/v1/me").code()).isEqualTo(-7007);
        assertThat(new Browser(base).login(email, "second password").code()).isEqualTo(-7004);
        assertThat(new Browser(base).login(email, "third password").status()).isEqualTo(200);
    }

    @Test
    void twoFactorGuardsLoginKeysAndItself() {
        String email = email();
        Browser b = Browser.verifiedUser(base, email, "2fa user password");
        assertThat(b.post("/bourse/v1/me/2fa/enable", "totpCode", "123456").code()).isEqualTo(-7012);
        JSONObject setup = b.post("/bourse/v1/me/2fa/setup").json();
        String secret = setup.getString("secret");
        assertThat(setup.getString("otpauthUri")).startsWith("otpauth://totp/").contains("secret=" + secret)
                .contains("issuer=Bourse");
        assertThat(setup.getString("qrCode")).startsWith("data:image/png;base64,");
        String wrong = Browser.totp(secret, 0).equals("000000") ? "111111" : "000000";
        assertThat(b.post("/bourse/v1/me/2fa/enable", "totpCode", wrong).code()).isEqualTo(-7010);
        JSONArray recovery = b.post("/bourse/v1/me/2fa/enable", "totpCode", Browser.totp(secret, -1)).json()
                .getJSONArray("recoveryCodes");
        assertThat(recovery.length()).isEqualTo(10);
        assertThat(b.get("/bourse/v1/me").json().getBoolean("twoFactorEnabled")).isTrue();
        assertThat(Browser.latestMail(base, email).getString("subject")).isEqualTo("Two-factor authentication enabled");

        Browser other = new Browser(base);
        assertThat(other.login(email, "2fa user password").code()).isEqualTo(-7009);
        assertThat(other.login(email, "2fa user password", "totpCode", wrong).code()).isEqualTo(-7010);
        String now = Browser.totp(secret, 0);
        assertThat(other.login(email, "2fa user password", "totpCode", now).status()).isEqualTo(200);
        Browser replay = new Browser(base);
        assertThat(replay.login(email, "2fa user password", "totpCode", now).code()).isEqualTo(-7010);

        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bot").code()).isEqualTo(-7009);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bot", "totpCode", now).code()).isEqualTo(-7010);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bot", "totpCode", Browser.totp(secret, 1)).status())
                .isEqualTo(200);

        String code = recovery.getString(0);
        assertThat(b.post("/bourse/v1/me/2fa/disable", "password", "wrong password", "totpCode", code).code())
                .isEqualTo(-7015);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bot2", "totpCode", code).status()).isEqualTo(200);
        assertThat(b.post("/bourse/v1/me/2fa/disable", "password", "2fa user password", "totpCode", code).code())
                .isEqualTo(-7010);
        assertThat(b.post("/bourse/v1/me/2fa/disable", "password", "2fa user password", "totpCode",
                recovery.getString(1)).status()).isEqualTo(200);
        assertThat(new Browser(base).login(email, "2fa user password").status()).isEqualTo(200);
    }

    @Test
    void apiKeysWorkWithBinancesConnectorUntilDeleted() throws Exception {
        Browser b = Browser.verifiedUser(base, email(), "api key password");
        long userId = b.get("/bourse/v1/me").json().getLong("userId");
        exchange.fund(userId, LiveExchange.USDT, "1000");
        assertThat(b.post("/bourse/v1/kyc/personal", "fullName", "Api Keyholder", "dateOfBirth", "1990-01-01",
                "country", "NL", "address", "Keizersgracht 1, Amsterdam").json().getInt("tier")).isEqualTo(1);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "x".repeat(65)).code()).isEqualTo(-7000);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "w", "permissions", "READ,WITHDRAW").json()
                .getString("msg")).isEqualTo("A key that may withdraw must be restricted to an IP whitelist.");
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "w", "permissions", "FLY").code()).isEqualTo(-7000);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "w", "ipWhitelist", "example.com").code())
                .isEqualTo(-7000);

        JSONObject created = b.post("/bourse/v1/me/api-keys", "label", "my bot", "permissions", "TRADE").json();
        String apiKey = created.getString("apiKey");
        String secret = created.getString("secretKey");
        assertThat(created.getJSONArray("permissions").toList()).containsExactly("READ", "TRADE");
        JSONArray listed = b.get("/bourse/v1/me/api-keys").array();
        assertThat(listed.length()).isEqualTo(1);
        assertThat(listed.getJSONObject(0).getString("apiKey")).isEqualTo(apiKey);
        assertThat(listed.toString()).doesNotContain(secret).doesNotContain("secretKey");

        SpotClientImpl client = new SpotClientImpl(apiKey, secret, base);
        JSONObject account = new JSONObject(client.createTrade().account(new LinkedHashMap<>()));
        assertThat(account.getLong("uid")).isEqualTo(userId);

        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
        JSONObject ed = b.post("/bourse/v1/me/api-keys", "label", "ed key", "type", "ED25519", "publicKey", pem)
                .json();
        assertThat(ed.has("secretKey")).isFalse();
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bad", "type", "ED25519", "publicKey", "AAAA").code())
                .isEqualTo(-7000);

        Browser stranger = Browser.verifiedUser(base, email(), "stranger password");
        assertThat(stranger.delete("/bourse/v1/me/api-keys", "apiKey", apiKey).code()).isEqualTo(-7013);
        assertThat(new JSONObject(client.createTrade().account(new LinkedHashMap<>())).getLong("uid"))
                .isEqualTo(userId);
        assertThat(b.delete("/bourse/v1/me/api-keys", "apiKey", apiKey).status()).isEqualTo(200);
        assertThatThrownBy(() -> client.createTrade().account(new LinkedHashMap<>()))
                .isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(-2015));
        assertThat(b.get("/bourse/v1/me/api-keys").array().length()).isEqualTo(1);
    }

    @Test
    void operatorRolesDecideWhoMayDoWhat() {
        String staffEmail = email();
        Browser staff = Browser.verifiedUser(base, staffEmail, "staff password");
        long staffId = staff.get("/bourse/v1/me").json().getLong("userId");
        String userEmail = email();
        Browser user = Browser.verifiedUser(base, userEmail, "customer password");
        long userId = user.get("/bourse/v1/me").json().getLong("userId");

        Browser.Response noRole = staff.get("/bourse/operator/mailbox", "to", userEmail);
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(noRole.code()).isEqualTo(-7014);
        assertThat(new Browser(base).get("/bourse/operator/mailbox").code()).isEqualTo(-7007);

        assertThat(Browser.asOperator(base, "POST", "/bourse/operator/roles", "userId", Long.toString(staffId), "role",
                "SUPPORT").status())
                .isEqualTo(200);
        assertThat(Browser.asOperator(base, "POST", "/bourse/operator/roles", "userId", Long.toString(staffId), "role",
                "GOD").status())
                .isEqualTo(400);
        assertThat(staff.get("/bourse/v1/me").json().getJSONArray("operatorRoles").toList()).containsExactly("SUPPORT");
        assertThat(staff.get("/bourse/operator/mailbox", "to", userEmail).array().length()).isPositive();
        assertThat(staff.get("/bourse/operator/audit/verify").code()).isEqualTo(-7014);
        assertThat(staff.post("/bourse/operator/roles", "userId", Long.toString(staffId), "role", "ADMIN").code())
                .isEqualTo(-7014);
        assertThat(user.get("/bourse/operator/mailbox").code()).isEqualTo(-7014);

        assertThat(staff.post("/bourse/operator/users/lock", "userId", Long.toString(userId)).code())
                .isEqualTo(-1102);
        assertThat(staff.postWithoutCsrf("/bourse/operator/users/lock", "userId", Long.toString(userId), "reason",
                "suspected takeover").code()).isEqualTo(-7008);
        assertThat(staff.post("/bourse/operator/users/lock", "userId", Long.toString(userId), "reason",
                "suspected takeover").status()).isEqualTo(200);
        assertThat(user.get("/bourse/v1/me").code()).isEqualTo(-7007);
        assertThat(new Browser(base).login(userEmail, "customer password").code()).isEqualTo(-7005);
        assertThat(staff.post("/bourse/operator/users/lock", "userId", Long.toString(userId), "reason", "again")
                .code()).isEqualTo(-7012);
        assertThat(staff.post("/bourse/operator/users/unlock", "userId", Long.toString(userId)).status())
                .isEqualTo(200);
        assertThat(new Browser(base).login(userEmail, "customer password").status()).isEqualTo(200);

        JSONArray trail = Browser.asOperator(base, "GET", "/bourse/operator/audit", "subject", "user:" + userId).array();
        java.util.List<String> actions = new java.util.ArrayList<>();
        for (int i = 0; i < trail.length(); i++) {
            actions.add(trail.getJSONObject(i).getString("action"));
        }
        assertThat(actions)
                .contains("SIGN_UP", "EMAIL_VERIFIED", "LOGIN", "ACCOUNT_LOCKED", "ACCOUNT_UNLOCKED");
        JSONObject locked = null;
        for (int i = 0; i < trail.length(); i++) {
            if (trail.getJSONObject(i).getString("action").equals("ACCOUNT_LOCKED")) {
                locked = trail.getJSONObject(i);
            }
        }
        assertThat(locked.getString("actor")).isEqualTo("operator:" + staffId);
        assertThat(locked.getString("after")).contains("suspected takeover");
        JSONObject verify = Browser.asOperator(base, "GET", "/bourse/operator/audit/verify").json();
        assertThat(verify.getBoolean("intact")).isTrue();
        assertThat(verify.getLong("entries")).isPositive();
    }

    @Test
    void thePagesMailLinksOpenAreServedWithAStrictPolicy() throws Exception {
        for (String path : List.of("/verify-email?token=abc", "/reset-password?token=abc",
                "/fiat/sandbox/checkout?paymentId=pay_x")) {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + path)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(response.body()).contains("<script src=\"/pages/pages.js\"></script>");
        }
        var script = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/pages/pages.js")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=UTF-8");
        assertThat(script.body()).contains("/bourse/v1/auth/verify-email", "/bourse/v1/auth/password-reset",
                "/bourse/v1/fiat/sandbox/checkout");
    }
}
