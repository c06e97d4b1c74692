package io.bourse.api;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.json.JSONArray;
import org.json.JSONObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web app's view of the account endpoints, as a browser would act: it keeps the session cookie it was given and
 * sends the CSRF token with every change. Also reads the operator mailbox, and makes TOTP codes.
 */
final class Browser {
    static final String COOKIE = "__Host-bourse_session";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private final String base;
    String cookie;
    String csrf;
    /** The Origin header to send (null: none, as a same-origin fetch may omit it). */
    String origin;

    Browser(String base) {
        this.base = base;
    }

    record Response(int status, String body, List<String> setCookies) {
        JSONObject json() {
            return new JSONObject(body);
        }

        JSONArray array() {
            return new JSONArray(body);
        }

        int code() {
            return json().getInt("code");
        }
    }

    Response post(String path, String... kv) {
        return send("POST", path, kv, true);
    }

    Response delete(String path, String... kv) {
        return send("DELETE", path, kv, true);
    }

    Response get(String path, String... kv) {
        return send("GET", path, kv, true);
    }

    /** A file as the body of a POST (the KYC upload). */
    Response upload(String pathAndQuery, String contentType, byte[] content) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .header("Content-Type", contentType).header("Cookie", COOKIE + "=" + cookie)
                    .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A change sent without the CSRF header, as a forged cross-site request would be. */
    Response postWithoutCsrf(String path, String... kv) {
        return send("POST", path, kv, false);
    }

    Response login(String email, String password, String... more) {
        String[] kv = new String[4 + more.length];
        kv[0] = "email";
        kv[1] = email;
        kv[2] = "password";
        kv[3] = password;
        System.arraycopy(more, 0, kv, 4, more.length);
        Response r = post("/bourse/v1/auth/login", kv);
        if (r.status() == 200) {
            csrf = r.json().getString("csrfToken");
        }
        return r;
    }

    private Response send(String method, String path, String[] kv, boolean withCsrf) {
        String form = form(kv);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path
                + (method.equals("POST") || form.isEmpty() ? "" : "?" + form)));
        if (method.equals("POST")) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (cookie != null) {
            b.header("Cookie", COOKIE + "=" + cookie);
        }
        if (withCsrf && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        b.header("User-Agent", "BourseTestBrowser/1.0");
        if (origin != null) {
            b.header("Origin", origin);
        }
        try {
            HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String c : setCookies) {
                if (c.startsWith(COOKIE + "=")) {
                    String value = c.substring(COOKIE.length() + 1, c.indexOf(';'));
                    cookie = value.isEmpty() ? null : value;
                }
            }
            return new Response(response.statusCode(), response.body(), setCookies);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(String... kv) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                continue;
            }
            if (!s.isEmpty()) {
                s.append('&');
            }
            s.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** A request with the operator token (the server owner's): parameters in the query for GET, else the body. */
    static Response asOperator(String base, String method, String path, String... kv) {
        String form = form(kv);
        boolean get = method.equals("GET");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (get && !form.isEmpty() ? "?" + form
                        : "")))
                .header("Authorization", "Bearer " + LiveExchange.OPERATOR_TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, get ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operator's view of the local mailbox: the newest mail to {@code email}. */
    static JSONObject latestMail(String base, String email) {
        JSONArray mails = asOperator(base, "GET", "/bourse/operator/mailbox", "to", email, "limit", "1").array();
        return mails.isEmpty() ? null : mails.getJSONObject(0);
    }

    /** The one-time token in the newest mail to {@code email}. */
    static String tokenFromLatestMail(String base, String email) {
        Matcher m = TOKEN.matcher(latestMail(base, email).getString("body"));
        if (!m.find()) {
            throw new AssertionError("no link in the latest mail to " + email);
        }
        return m.group(1);
    }

    /**
     * The TOTP code for the step {@code offset} steps from now (-1, 0 or +1 are accepted), waiting first if a step
     * boundary is less than two seconds away (so the step cannot change between making and checking the code).
     */
    static String totp(String secret, int offset) {
        long now = System.currentTimeMillis();
        long intoStep = now % 30_000;
        if (intoStep > 28_000) {
            try {
                Thread.sleep(30_000 - intoStep + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = System.currentTimeMillis();
        }
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, now / 30_000 + offset);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verified user with a session in this browser. */
    static Browser verifiedUser(String base, String email, String password) {
        Browser b = new Browser(base);
        Response signUp = b.post("/bourse/v1/auth/signup", "email", email, "password", password);
        if (signUp.status() != 200) {
            throw new AssertionError(signUp.body());
        }
        b.post("/bourse/v1/auth/verify-email", "token", tokenFromLatestMail(base, email));
        Response login = b.login(email, password);
        if (login.status() != 200) {
            throw new AssertionError(login.body());
        }
        return b;
    }
}
