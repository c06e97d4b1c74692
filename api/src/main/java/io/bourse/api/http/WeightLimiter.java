package io.bourse.api.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Binance's per-IP limits: REQUEST_WEIGHT (weight per calendar minute) and RAW_REQUESTS (requests per five
 * minutes, whatever their weight). Over either limit a request gets 429 (and counts as a strike); an IP that keeps
 * going after {@code strikesBeforeBan} 429s in one minute is banned (418) for {@code banMs}.
 */
public final class WeightLimiter {
    private static final long MINUTE = 60_000;
    private static final long FIVE_MINUTES = 5 * MINUTE;

    private final int limitPerMinute;
    private final int rawPerFiveMinutes;
    private final int strikesBeforeBan;
    private final long banMs;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** The outcome for one request: allowed, or refused (by the raw request count or by weight) with how long to wait. */
    public record Verdict(int usedWeight, int status, long retryAfterMs, long bannedUntilMs, boolean rawLimit) {
        public boolean allowed() {
            return status == 200;
        }
    }

    private static final class Window {
        long minute;
        int used;
        long fiveMinutes;
        int raw;
        int strikes;
        long bannedUntil;
    }

    public WeightLimiter(int limitPerMinute, int rawPerFiveMinutes, int strikesBeforeBan, long banMs) {
        this.limitPerMinute = limitPerMinute;
        this.rawPerFiveMinutes = rawPerFiveMinutes;
        this.strikesBeforeBan = strikesBeforeBan;
        this.banMs = banMs;
    }

    public int limitPerMinute() {
        return limitPerMinute;
    }

    public int rawPerFiveMinutes() {
        return rawPerFiveMinutes;
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
            long fiveMinutes = nowMs / FIVE_MINUTES;
            if (w.fiveMinutes != fiveMinutes) {
                w.fiveMinutes = fiveMinutes;
                w.raw = 0;
            }
            if (w.bannedUntil > nowMs) {
                return new Verdict(w.used, 418, w.bannedUntil - nowMs, w.bannedUntil, false);
            }
            w.used += weight;
            w.raw++;
            boolean rawOver = w.raw > rawPerFiveMinutes;
            if (w.used <= limitPerMinute && !rawOver) {
                return new Verdict(w.used, 200, 0, 0, false);
            }
            if (++w.strikes > strikesBeforeBan) {
                w.bannedUntil = nowMs + banMs;
                return new Verdict(w.used, 418, banMs, w.bannedUntil, rawOver);
            }
            long retry = rawOver ? (fiveMinutes + 1) * FIVE_MINUTES - nowMs : (minute + 1) * MINUTE - nowMs;
            return new Verdict(w.used, 429, retry, 0, rawOver);
        }
    }
}
