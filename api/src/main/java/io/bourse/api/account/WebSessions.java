package io.bourse.api.account;

import io.bourse.api.http.Request;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Secrets;
import io.bourse.platform.account.Session;
import io.bourse.platform.account.Sessions;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.vertx.core.net.HostAndPort;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * The web app's session cookie and its checks. The cookie is HttpOnly (scripts cannot read it), SameSite=Strict
 * (other sites' pages do not send it) and, by default, Secure with the {@code __Host-} prefix (HTTPS only, this host
 * only; browsers count {@code http://localhost} as secure). A request that changes something must also carry the
 * session's CSRF token in {@code X-CSRF-Token}, and if it has an {@code Origin} it must be this host's.
 */
public final class WebSessions {
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Sessions sessions;
    private final boolean secure;
    private final String name;

    public WebSessions(Sessions sessions, boolean secure) {
        this.sessions = sessions;
        this.secure = secure;
        this.name = secure ? "__Host-bourse_session" : "bourse_session";
    }

    public String cookieName() {
        return name;
    }

    /** The caller's live session (blocking: a database lookup), checked for CSRF unless the request only reads. */
    public Session require(Request r) {
        Session s = sessions.find(token(r)).orElseThrow(Refused::notLoggedIn);
        if (!r.method().equals("GET")) {
            checkCsrf(r, s);
        }
        return s;
    }

    public void setCookie(Request r, Sessions.Opened opened) {
        DefaultCookie c = base(opened.token());
        c.setMaxAge(Duration.between(Instant.now(), opened.session().expiresAt()).toSeconds());
        r.responseHeaders().add("Set-Cookie", ServerCookieEncoder.STRICT.encode(c));
    }

    public void clearCookie(Request r) {
        DefaultCookie c = base("");
        c.setMaxAge(0);
        r.responseHeaders().add("Set-Cookie", ServerCookieEncoder.STRICT.encode(c));
    }

    private DefaultCookie base(String value) {
        DefaultCookie c = new DefaultCookie(name, value);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setSameSite(CookieHeaderNames.SameSite.Strict);
        return c;
    }

    private String token(Request r) {
        String header = r.headers().get("Cookie");
        if (header == null || header.length() > 8192) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(name)) {
                return c.value();
            }
        }
        return null;
    }

    private static void checkCsrf(Request r, Session s) {
        if (!Secrets.equal(r.headers().get(CSRF_HEADER), s.csrfToken())) {
            throw Refused.badCsrf();
        }
        String origin = r.headers().get("Origin");
        if (origin != null && !sameHost(origin, r.authority())) {
            throw Refused.badCsrf();
        }
    }

    private static boolean sameHost(String origin, HostAndPort authority) {
        try {
            URI u = URI.create(origin);
            return authority != null && u.getHost() != null && u.getHost().equalsIgnoreCase(authority.host())
                    && u.getPort() == authority.port();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
