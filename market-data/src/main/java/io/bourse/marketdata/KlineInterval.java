package io.bourse.marketdata;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Binance's kline intervals, case-sensitive as Binance names them; buckets are in UTC, weeks start on Monday. */
public enum KlineInterval {
    S1("1s", 1_000L),
    M1("1m", 60_000L),
    M3("3m", 3 * 60_000L),
    M5("5m", 5 * 60_000L),
    M15("15m", 15 * 60_000L),
    M30("30m", 30 * 60_000L),
    H1("1h", 3_600_000L),
    H2("2h", 2 * 3_600_000L),
    H4("4h", 4 * 3_600_000L),
    H6("6h", 6 * 3_600_000L),
    H8("8h", 8 * 3_600_000L),
    H12("12h", 12 * 3_600_000L),
    D1("1d", 86_400_000L),
    D3("3d", 3 * 86_400_000L),
    W1("1w", 7 * 86_400_000L),
    MONTH("1M", 0);

    private static final long DAY = 86_400_000L;
    /** 1970-01-01 was a Thursday: the first Monday is four days later. */
    private static final long FIRST_MONDAY = 4 * DAY;

    private final String code;
    private final long millis;

    KlineInterval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    public String code() {
        return code;
    }

    public static Optional<KlineInterval> of(String code) {
        for (KlineInterval i : values()) {
            if (i.code.equals(code)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Open time of the bucket holding {@code timeMs}. */
    public long openTime(long timeMs) {
        return switch (this) {
            case W1 -> Math.floorDiv(timeMs - FIRST_MONDAY, millis) * millis + FIRST_MONDAY;
            case MONTH -> {
                LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(timeMs), ZoneOffset.UTC);
                yield t.toLocalDate().withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            default -> Math.floorDiv(timeMs, millis) * millis;
        };
    }

    /** Bucket length in milliseconds; 0 for calendar months. */
    public long millis() {
        return millis;
    }

    /** Open time of the bucket holding {@code timeMs} for a client in a time zone {@code offsetMs} east of UTC. */
    public long openTime(long timeMs, long offsetMs) {
        return openTime(timeMs + offsetMs) - offsetMs;
    }

    /** Open time of the bucket after the one opening at {@code openTime}. */
    public long nextOpenTime(long openTime) {
        if (this == MONTH) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(openTime), ZoneOffset.UTC).plusMonths(1)
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return openTime + millis;
    }
}
