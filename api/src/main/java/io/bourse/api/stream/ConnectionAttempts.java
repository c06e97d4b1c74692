package io.bourse.api.stream;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection attempts per IP over the last five minutes, as Binance limits them. A sliding-window counter: the
 * current five-minute window's count plus the previous window's, weighted by how much of the previous window the
 * last five minutes still cover. A fixed window alone let a client make twice the limit across a window's edge
 * (and made the limit's test fail whenever it ran across one). Memory is three numbers per IP seen lately.
 */
final class ConnectionAttempts {
    static final long WINDOW_MS = 300_000L;
    /** IPs remembered before those idle for a whole window are forgotten. */
    private static final int MAX_REMEMBERED = 100_000;

    private final int limit;
    /** Per IP: [window number, attempts in it, attempts in the window before it]. */
    private final ConcurrentHashMap<String, long[]> byIp = new ConcurrentHashMap<>();

    ConnectionAttempts(int limit) {
        this.limit = limit;
    }

    /** Counts an attempt from {@code ip} at {@code nowMs}; false when it is over the limit (it still counts). */
    boolean admit(String ip, long nowMs) {
        long window = nowMs / WINDOW_MS;
        long[] a = byIp.compute(ip, (k, v) -> {
            if (v == null || v[0] < window - 1) {
                return new long[] {window, 1, 0};
            }
            if (v[0] == window - 1) {
                return new long[] {window, 1, v[1]};
            }
            return new long[] {window, v[1] + 1, v[2]};
        });
        if (byIp.size() > MAX_REMEMBERED) {
            byIp.entrySet().removeIf(e -> e.getValue()[0] < window - 1);
        }
        long intoWindow = nowMs - window * WINDOW_MS;
        // previous × (share of it still within the last five minutes) + current ≤ limit, in whole numbers
        return a[2] * (WINDOW_MS - intoWindow) + a[1] * WINDOW_MS <= limit * WINDOW_MS;
    }
}
