package io.bourse.api.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Binance's REQUEST_WEIGHT limit: weight per IP per calendar minute. Over the limit a request gets 429 (and
 * counts as a strike); an IP that keeps going after {@code strikesBeforeBan} 429s in one minute is banned (418)
 * for {@code banMs}.
 */
public final class WeightLimiter {
    private static final long MINUTE = 60_000;

    private final int limitPerMinute;
    private final int strikesBeforeBan;
    private final long banMs;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** The outcome for one request: allowed, or refused with how long to wait. */
    public record Verdict(int usedWeight, int status, long retryAfterMs, long bannedUntilMs) {
        public boolean allowed() {
            return status == 200;
        }
    }

    private static final class Window {
        long minute;
        int used;
        int strikes;
        long bannedUntil;
    }

    public WeightLimiter(int limitPerMinute, int strikesBeforeBan, long banMs) {
        this.limitPerMinute = limitPerMinute;
        this.strikesBeforeBan = strikesBeforeBan;
        this.banMs = banMs;
    }

    public int limitPerMinute() {
        return limitPerMinute;
    }

    public Verdict charge(String ip, int weight, long nowMs) {
        Window w = windows.computeIfAbsent(ip, k -> new Window());
        synchronized (w) {
            long minute = nowMs / MINUTE;
            if (w.minute != minute) {
                w.minute = minute;
                w.used = 0;
                w.strikes = 0;
            }
            if (w.bannedUntil > nowMs) {
                return new Verdict(w.used, 418, w.bannedUntil - nowMs, w.bannedUntil);
            }
            w.used += weight;
            if (w.used <= limitPerMinute) {
                return new Verdict(w.used, 200, 0, 0);
            }
            if (++w.strikes > strikesBeforeBan) {
                w.bannedUntil = nowMs + banMs;
                return new Verdict(w.used, 418, banMs, w.bannedUntil);
            }
            return new Verdict(w.used, 429, (minute + 1) * MINUTE - nowMs, 0);
        }
    }
}
