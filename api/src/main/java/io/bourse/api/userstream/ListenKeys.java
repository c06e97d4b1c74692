package io.bourse.api.userstream;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listen keys of the legacy user data stream: one per user, valid 60 minutes from its last keep-alive; asking
 * again while one is valid returns the same key and extends it, as Binance does.
 */
public final class ListenKeys {
    static final long VALIDITY_MS = 60 * 60_000L;
    private static final char[] CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(long userId, long expiresAtMs) {
    }

    private final ConcurrentHashMap<String, Entry> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> byUser = new ConcurrentHashMap<>();

    /** The user's valid key, extended, or a new one. */
    public synchronized String open(long userId, long nowMs) {
        String key = byUser.get(userId);
        if (key == null || !valid(key, nowMs)) {
            key = random();
            byUser.put(userId, key);
        }
        byKey.put(key, new Entry(userId, nowMs + VALIDITY_MS));
        return key;
    }

    /** Extends a valid key of the user; false if it is not one. */
    public synchronized boolean keepAlive(String key, long userId, long nowMs) {
        Entry e = byKey.get(key);
        if (e == null || e.userId != userId || e.expiresAtMs <= nowMs) {
            return false;
        }
        byKey.put(key, new Entry(userId, nowMs + VALIDITY_MS));
        return true;
    }

    public synchronized boolean close(String key, long userId) {
        Entry e = byKey.get(key);
        if (e == null || e.userId != userId) {
            return false;
        }
        byKey.remove(key);
        byUser.remove(userId, key);
        return true;
    }

    /** The user a valid key belongs to. */
    public Optional<Long> user(String key, long nowMs) {
        Entry e = byKey.get(key);
        return e == null || e.expiresAtMs <= nowMs ? Optional.empty() : Optional.of(e.userId);
    }

    private boolean valid(String key, long nowMs) {
        Entry e = byKey.get(key);
        return e != null && e.expiresAtMs > nowMs;
    }

    private static String random() {
        char[] out = new char[60];
        for (int i = 0; i < out.length; i++) {
            out[i] = CHARS[RANDOM.nextInt(CHARS.length)];
        }
        return new String(out);
    }
}
