package io.bourse.api.auth;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;

import java.util.regex.Pattern;

/**
 * Checks a request's API key, timestamp, recvWindow and signature as Binance does (reference §1.4–1.6), and the
 * key's permission and IP whitelist. The payload signed is the query string then the body, exactly as received,
 * without the {@code signature} parameter.
 */
public final class Authenticator {
    public static final String KEY_HEADER = "X-MBX-APIKEY";
    private static final Pattern KEY_FORMAT = Pattern.compile("^[A-Za-z0-9]{16,128}$");
    private static final Pattern RECV_WINDOW = Pattern.compile("^\\d{1,5}(\\.\\d{1,3})?$");
    private static final long DEFAULT_RECV_WINDOW_MS = 5000;
    private static final long MAX_RECV_WINDOW_MS = 60_000;

    private final ApiKeys keys;

    public Authenticator(ApiKeys keys) {
        this.keys = keys;
    }

    /** The key of a USER_STREAM request (key header only, no signature). */
    public ApiKey keyOnly(Request r) {
        String header = r.headers().get(KEY_HEADER);
        if (header == null || !KEY_FORMAT.matcher(header).matches()) {
            throw new ApiException(401, -2014, "API-key format invalid.");
        }
        ApiKey key = keys.find(header).orElseThrow(Authenticator::rejected);
        if (!key.ipWhitelist().isEmpty() && !key.ipWhitelist().contains(r.clientIp())) {
            throw rejected();
        }
        return key;
    }

    /**
     * The key of a signed (TRADE or USER_DATA) request that needs {@code permission}. On a WebSocket API
     * connection that logged on, a request without a signature acts with the session's key (its timestamp,
     * IP whitelist and permissions are still checked).
     */
    public ApiKey signed(Request r, Permission permission) {
        Params p = r.params();
        boolean bySession = r.sessionKey() != null && !p.has("signature") && !p.has("apiKey");
        ApiKey key = bySession ? r.sessionKey() : keyOnly(r);
        if (bySession && !key.ipWhitelist().isEmpty() && !key.ipWhitelist().contains(r.clientIp())) {
            throw rejected();
        }
        long timestamp = p.optLong("timestamp").orElseThrow(() -> ApiException.mandatory("timestamp"));
        if (timestamp > 100_000_000_000_000L) {
            timestamp /= 1000; // sent in microseconds
        }
        double recvWindow = recvWindow(p.get("recvWindow"));
        if (timestamp >= r.nowMs() + 1000) {
            throw ApiException.badRequest(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (r.nowMs() - timestamp > recvWindow) {
            throw ApiException.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        if (bySession) {
            if (!key.permissions().contains(permission)) {
                throw rejected();
            }
            return key;
        }
        String query = p.rawQuery();
        String body = p.rawBody();
        String signature = rawParam(query, "signature");
        if (signature == null) {
            signature = rawParam(body, "signature");
        }
        if (signature == null || signature.isEmpty()) {
            throw ApiException.mandatory("signature");
        }
        String payload = without(query, "signature") + without(body, "signature");
        if (!Signatures.verify(key, payload, signature)) {
            throw ApiException.badRequest(-1022, "Signature for this request is not valid.");
        }
        if (!key.permissions().contains(permission)) {
            throw rejected();
        }
        return key;
    }

    private static ApiException rejected() {
        return new ApiException(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }

    private static double recvWindow(String text) {
        if (text == null) {
            return DEFAULT_RECV_WINDOW_MS;
        }
        if (!RECV_WINDOW.matcher(text).matches()) {
            throw ApiException.illegalChars("recvWindow", "^\\d{1,5}(\\.\\d{1,3})?$");
        }
        double value = Double.parseDouble(text);
        if (value <= 0 || value > MAX_RECV_WINDOW_MS) {
            throw ApiException.badRequest(-1131, "recvWindow must be less than 60000");
        }
        return value;
    }

    /** The raw (still encoded) value of {@code name} in form-encoded text, or null. */
    static String rawParam(String encoded, String name) {
        int at = find(encoded, name);
        if (at < 0) {
            return null;
        }
        int end = encoded.indexOf('&', at);
        return encoded.substring(at + name.length() + 1, end < 0 ? encoded.length() : end);
    }

    /** The text without the parameter {@code name} (and the {@code &} before it), every other byte as received. */
    static String without(String encoded, String name) {
        int at = find(encoded, name);
        if (at < 0) {
            return encoded;
        }
        int end = encoded.indexOf('&', at);
        if (at > 0) {
            return encoded.substring(0, at - 1) + (end < 0 ? "" : encoded.substring(end));
        }
        return end < 0 ? "" : encoded.substring(end + 1);
    }

    /** Where the parameter {@code name=} starts (at the beginning or after an {@code &}), or -1. */
    private static int find(String encoded, String name) {
        String key = name + "=";
        int at = encoded.startsWith(key) ? 0 : encoded.indexOf("&" + key);
        return at <= 0 ? at : at + 1;
    }
}
