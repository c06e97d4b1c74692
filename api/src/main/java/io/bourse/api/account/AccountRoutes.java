package io.bourse.api.account;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.auth.ApiKeys;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.platform.Platform;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Registration;
import io.bourse.platform.account.Session;
import io.bourse.platform.account.Sessions;
import io.bourse.platform.account.UserRow;
import io.bourse.platform.apikey.UserApiKeys;
import io.bourse.platform.twofactor.Enrolment;
import io.bourse.store.Accounts;
import io.bourse.store.StoredApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The web app's account endpoints under {@code /bourse/v1}: sign-up, email verification, login and logout,
 * password change and reset, sessions, two-factor authentication and API keys. Parameters come as a form body
 * or query; answers are JSON, refusals {@code {"code":…,"msg":…}} (codes in docs/accounts.md).
 */
public final class AccountRoutes {
    private static final String V1 = "/bourse/v1";

    private final Vertx vertx;
    private final Platform platform;
    private final WebSessions web;
    private final ApiKeys keys;

    public AccountRoutes(Vertx vertx, Platform platform, WebSessions web, ApiKeys keys) {
        this.vertx = vertx;
        this.platform = platform;
        this.web = web;
        this.keys = keys;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                post("/auth/signup", this::signUp),
                post("/auth/verify-email", r -> blocking(() -> {
                    long userId = platform.registration().verifyEmail(r.params().require("token"));
                    return JsonOut.write(g -> {
                        g.writeStartObject();
                        g.writeNumberField("userId", userId);
                        g.writeBooleanField("emailVerified", true);
                        g.writeEndObject();
                    });
                })),
                post("/auth/verify-email/resend", r -> Blocking.runThenEmpty(vertx,
                        () -> platform.registration().resendVerification(r.params().require("email")))),
                post("/auth/login", this::login),
                post("/auth/logout", r -> blocking(() -> {
                    platform.logins().logout(web.require(r));
                    web.clearCookie(r);
                    return JsonOut.EMPTY_OBJECT;
                })),
                post("/auth/password-reset/request", r -> Blocking.runThenEmpty(vertx,
                        () -> platform.passwords().requestReset(r.params().require("email")))),
                post("/auth/password-reset", r -> Blocking.runThenEmpty(vertx,
                        () -> platform.passwords().reset(r.params().require("token"),
                                r.params().require("newPassword")))),
                get("/me", r -> blocking(() -> me(web.require(r)))),
                post("/me/password", r -> blocking(() -> {
                    Params p = r.params();
                    platform.passwords().change(web.require(r), p.require("currentPassword"),
                            p.require("newPassword"), p.get("totpCode"));
                    return JsonOut.EMPTY_OBJECT;
                })),
                get("/me/sessions", r -> blocking(() -> sessions(web.require(r)))),
                delete("/me/sessions", r -> blocking(() -> {
                    Session s = web.require(r);
                    platform.sessions().revoke(s.userId(), r.params().requireLong("sessionId"));
                    return JsonOut.EMPTY_OBJECT;
                })),
                post("/me/2fa/setup", r -> blocking(() -> enrolment(platform.twoFactor().setUp(web.require(r).userId())))),
                post("/me/2fa/enable", r -> blocking(() -> recoveryCodes(platform.twoFactor()
                        .enable(web.require(r).userId(), r.params().require("totpCode"))))),
                post("/me/2fa/disable", r -> blocking(() -> {
                    platform.twoFactor().disable(web.require(r).userId(), r.params().require("password"),
                            r.params().get("totpCode"));
                    return JsonOut.EMPTY_OBJECT;
                })),
                post("/me/2fa/recovery-codes", r -> blocking(() -> recoveryCodes(platform.twoFactor()
                        .regenerateRecoveryCodes(web.require(r).userId(), r.params().get("totpCode"))))),
                get("/me/api-keys", r -> blocking(() -> apiKeys(platform.apiKeys().list(web.require(r).userId())))),
                post("/me/api-keys", this::createApiKey),
                delete("/me/api-keys", r -> blocking(() -> {
                    String apiKey = r.params().require("apiKey");
                    platform.apiKeys().delete(web.require(r).userId(), apiKey, r.params().get("totpCode"));
                    keys.forget(apiKey);
                    return JsonOut.EMPTY_OBJECT;
                })));
    }

    private Future<Buffer> signUp(Request r) {
        Params p = r.params();
        Registration.SignUp s = new Registration.SignUp(p.require("email"), p.require("password"),
                p.get("referralCode"), p.get("utm_source"), p.get("utm_medium"), p.get("utm_campaign"));
        return blocking(() -> {
            platform.registration().signUp(s);
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("next", "VERIFY_EMAIL");
                g.writeStringField("msg", "If the address can be used, a verification link is on its way.");
                g.writeEndObject();
            });
        });
    }

    private Future<Buffer> login(Request r) {
        Params p = r.params();
        String email = p.require("email");
        String password = p.require("password");
        String code = p.get("totpCode");
        String agent = r.headers().get("User-Agent");
        return blocking(() -> {
            Sessions.Opened opened = platform.logins().login(email, password, code, r.clientIp(), agent);
            web.setCookie(r, opened);
            Session s = opened.session();
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeNumberField("userId", s.userId());
                g.writeNumberField("sessionId", s.sessionId());
                g.writeStringField("csrfToken", s.csrfToken());
                g.writeNumberField("expiresAt", s.expiresAt().toEpochMilli());
                g.writeEndObject();
            });
        });
    }

    private Buffer me(Session s) {
        UserRow u = platform.user(s.userId()).orElseThrow(Refused::notLoggedIn);
        var roles = platform.roles().of(s.userId());
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField("userId", u.userId());
            g.writeStringField("email", u.email());
            g.writeBooleanField("emailVerified", u.emailVerified());
            g.writeNumberField("kycTier", u.kycTier());
            g.writeBooleanField("twoFactorEnabled", u.twoFactorEnabled());
            g.writeStringField("referralCode", u.referralCode());
            g.writeNumberField("createdAt", u.createdAt().toEpochMilli());
            g.writeArrayFieldStart("operatorRoles");
            for (var role : roles) {
                g.writeString(role.name());
            }
            g.writeEndArray();
            g.writeNumberField("sessionId", s.sessionId());
            g.writeStringField("csrfToken", s.csrfToken());
            g.writeEndObject();
        });
    }

    private Buffer sessions(Session current) {
        List<Session> list = platform.sessions().list(current.userId());
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (Session s : list) {
                g.writeStartObject();
                g.writeNumberField("sessionId", s.sessionId());
                g.writeNumberField("createdAt", s.createdAt().toEpochMilli());
                g.writeNumberField("lastSeenAt", s.lastSeenAt().toEpochMilli());
                g.writeNumberField("expiresAt", s.expiresAt().toEpochMilli());
                g.writeStringField("ip", s.ip());
                g.writeStringField("userAgent", s.userAgent());
                g.writeBooleanField("current", s.sessionId() == current.sessionId());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static Buffer enrolment(Enrolment e) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("secret", e.secret());
            g.writeStringField("otpauthUri", e.otpauthUri());
            g.writeStringField("qrCode", e.qrCodeDataUri());
            g.writeEndObject();
        });
    }

    private static Buffer recoveryCodes(List<String> codes) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("recoveryCodes");
            for (String c : codes) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private Future<Buffer> createApiKey(Request r) {
        Params p = r.params();
        UserApiKeys.NewKey request = new UserApiKeys.NewKey(p.get("label"), p.get("type"), p.get("publicKey"),
                p.get("permissions"), p.get("ipWhitelist"));
        return blocking(() -> {
            StoredApiKey k = platform.apiKeys().create(web.require(r).userId(), request, p.get("totpCode"));
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("apiKey", k.apiKey());
                if (k.secret() != null) {
                    g.writeStringField("secretKey", new String(k.secret(), StandardCharsets.US_ASCII));
                }
                writeKeyFields(g, k.label(), k.kind(), k.permissions(), k.ipWhitelist());
                g.writeEndObject();
            });
        });
    }

    private static Buffer apiKeys(List<Accounts.KeySummary> list) {
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (Accounts.KeySummary k : list) {
                g.writeStartObject();
                g.writeStringField("apiKey", k.apiKey());
                writeKeyFields(g, k.label(), k.kind(), k.permissions(), k.ipWhitelist());
                g.writeNumberField("createdAt", k.createdAt().toEpochMilli());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void writeKeyFields(JsonGenerator g, String label, StoredApiKey.Kind kind,
                                       java.util.Set<String> permissions, List<String> ips) throws IOException {
        g.writeStringField("label", label);
        g.writeStringField("type", kind.name());
        g.writeArrayFieldStart("permissions");
        for (String p : new java.util.TreeSet<>(permissions)) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ipWhitelist");
        for (String ip : ips) {
            g.writeString(ip);
        }
        g.writeEndArray();
    }

    private Future<Buffer> blocking(java.util.concurrent.Callable<Buffer> work) {
        return Blocking.run(vertx, work);
    }

    private static Endpoint post(String path, Endpoint.Handler handler) {
        return Endpoint.of(HttpMethod.POST, V1 + path, 1, handler);
    }

    private static Endpoint get(String path, Endpoint.Handler handler) {
        return Endpoint.of(HttpMethod.GET, V1 + path, 1, handler);
    }

    private static Endpoint delete(String path, Endpoint.Handler handler) {
        return Endpoint.of(HttpMethod.DELETE, V1 + path, 1, handler);
    }
}
