package io.bourse.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A request's parameters, from the query string and a form body as Binance reads them (on duplicates the query
 * wins), with the raw text kept for signature checks. Typed getters throw {@link ApiException} with Binance's
 * codes and messages.
 */
public final class Params {
    private static final String DIGITS = "^[0-9]{1,20}$";

    private final Map<String, String> values;
    private final String rawQuery;
    private final String rawBody;

    private Params(Map<String, String> values, String rawQuery, String rawBody) {
        this.values = values;
        this.rawQuery = rawQuery;
        this.rawBody = rawBody;
    }

    public static Params of(String rawQuery, String rawBody) {
        Map<String, String> values = new HashMap<>();
        putAll(values, rawBody);
        putAll(values, rawQuery);
        return new Params(values, rawQuery == null ? "" : rawQuery, rawBody == null ? "" : rawBody);
    }

    /**
     * Parameters that arrived already decoded (a WebSocket API request); {@code rawQuery} is the text a signature
     * covers, as the caller laid it out.
     */
    public static Params ofDecoded(Map<String, String> values, String rawQuery) {
        return new Params(Map.copyOf(values), rawQuery, "");
    }

    private static void putAll(Map<String, String> into, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.put(name, value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(-1100, "Illegal characters found in a parameter.");
        }
    }

    public String rawQuery() {
        return rawQuery;
    }

    public String rawBody() {
        return rawBody;
    }

    /** The value, or null when absent or empty (Binance treats an empty value as not sent). */
    public String get(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Whether the parameter was sent with an empty value (which {@link #get} treats as not sent). */
    public boolean sentEmpty(String name) {
        String v = values.get(name);
        return v != null && v.isEmpty();
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public String require(String name) {
        String v = get(name);
        if (v == null) {
            throw ApiException.mandatory(name);
        }
        return v;
    }

    public OptionalLong optLong(String name) {
        String v = get(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.length() > 20 || !v.chars().allMatch(Character::isDigit)) {
            throw ApiException.illegalChars(name, DIGITS);
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(-1108, "Parameter '" + name + "' overflowed.");
        }
    }

    public long requireLong(String name) {
        OptionalLong v = optLong(name);
        if (v.isEmpty()) {
            throw ApiException.mandatory(name);
        }
        return v.getAsLong();
    }

    /** An optional {@code true} / {@code false} (any case); absent is false, anything else is -1130. */
    public boolean optBoolean(String name) {
        String v = get(name);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.invalidValue(name);
    }

    /** A mandatory parameter naming a constant of {@code type} exactly; anything else is -1130. */
    public <E extends Enum<E>> E requireEnum(String name, Class<E> type) {
        String text = require(name);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidValue(name);
        }
    }

    /** A {@code limit}-like count: absent → {@code dflt}; below {@code min} → -1130; above {@code max} → max. */
    public int limit(String name, int dflt, int min, int max) {
        OptionalLong v = optLong(name);
        if (v.isEmpty()) {
            return dflt;
        }
        if (v.getAsLong() < min) {
            throw ApiException.invalidValue(name);
        }
        return (int) Math.min(max, v.getAsLong());
    }

    public OptionalInt optInt(String name) {
        OptionalLong v = optLong(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        if (v.getAsLong() > Integer.MAX_VALUE) {
            throw ApiException.invalidValue(name);
        }
        return OptionalInt.of((int) v.getAsLong());
    }
}
