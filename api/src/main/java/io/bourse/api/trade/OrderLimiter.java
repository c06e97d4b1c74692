package io.bourse.api.trade;

import io.bourse.api.http.ApiException;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Binance's ORDERS limits per account: orders placed per 10 seconds and per day, reported in
 * {@code x-mbx-order-count-10s} / {@code -1d}. Over a limit: 429 with -1015.
 */
final class OrderLimiter {
    private static final long TEN_SECONDS = 10_000;
    private static final long DAY = 86_400_000L;

    private final ConcurrentHashMap<Long, Counts> accounts = new ConcurrentHashMap<>();
    final int per10Seconds;
    final int perDay;

    OrderLimiter(int per10Seconds, int perDay) {
        this.per10Seconds = per10Seconds;
        this.perDay = perDay;
    }

    record Usage(int tenSeconds, int day) {
    }

    private static final class Counts {
        long tenSecondWindow;
        int tenSeconds;
        long dayWindow;
        int day;

        void roll(long now) {
            if (tenSecondWindow != now / TEN_SECONDS) {
                tenSecondWindow = now / TEN_SECONDS;
                tenSeconds = 0;
            }
            if (dayWindow != now / DAY) {
                dayWindow = now / DAY;
                day = 0;
            }
        }
    }

    /** Counts one new order for {@code userId}, or refuses it when a limit is reached. */
    Usage charge(long userId, long now) {
        Counts c = accounts.computeIfAbsent(userId, k -> new Counts());
        synchronized (c) {
            c.roll(now);
            if (c.tenSeconds >= per10Seconds) {
                throw new ApiException(429, -1015, "Too many new orders; current limit is " + per10Seconds
                        + " orders per 10 SECOND.");
            }
            if (c.day >= perDay) {
                throw new ApiException(429, -1015, "Too many new orders; current limit is " + perDay
                        + " orders per DAY.");
            }
            c.tenSeconds++;
            c.day++;
            return new Usage(c.tenSeconds, c.day);
        }
    }

    Usage usage(long userId, long now) {
        Counts c = accounts.computeIfAbsent(userId, k -> new Counts());
        synchronized (c) {
            c.roll(now);
            return new Usage(c.tenSeconds, c.day);
        }
    }
}
