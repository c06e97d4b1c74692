package io.bourse.engine.book;

/**
 * Volume-weighted average price over the last N minutes, kept in one-minute buckets of lots and quote traded
 * (minute = command time / 60 000). Used by PERCENT_PRICE_BY_SIDE and by NOTIONAL for market orders.
 */
final class AveragePrice {
    private static final int BUCKETS = 64;
    private static final long MINUTE_MS = 60_000L;

    private final long[] minute = new long[BUCKETS];
    private final long[] lots = new long[BUCKETS];
    private final long[] quote = new long[BUCKETS];
    private long lastQuotePerLot;

    AveragePrice() {
        java.util.Arrays.fill(minute, Long.MIN_VALUE);
    }

    void record(long timeMs, long tradeLots, long tradeQuote, long quotePerLot) {
        long m = Math.floorDiv(timeMs, MINUTE_MS);
        int i = (int) (m & (BUCKETS - 1));
        if (minute[i] != m) {
            minute[i] = m;
            lots[i] = 0;
            quote[i] = 0;
        }
        lots[i] += tradeLots;
        long q = quote[i] + tradeQuote;
        quote[i] = q < 0 ? Long.MAX_VALUE : q;
        lastQuotePerLot = quotePerLot;
    }

    /** Average quote per lot over the last {@code mins} minutes; the last trade's if none; 0 before any trade. */
    long quotePerLot(long nowMs, int mins) {
        if (mins <= 0) {
            return lastQuotePerLot;
        }
        long now = Math.floorDiv(nowMs, MINUTE_MS);
        long lotSum = 0;
        long quoteSum = 0;
        for (int k = 0; k < Math.min(mins, BUCKETS); k++) {
            int i = (int) ((now - k) & (BUCKETS - 1));
            if (minute[i] == now - k) {
                lotSum += lots[i];
                long q = quoteSum + quote[i];
                quoteSum = q < 0 ? Long.MAX_VALUE : q;
            }
        }
        return lotSum == 0 ? lastQuotePerLot : quoteSum / lotSum;
    }

    long lastQuotePerLot() {
        return lastQuotePerLot;
    }

    void write(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(lastQuotePerLot);
        for (int i = 0; i < BUCKETS; i++) {
            out.writeLong(minute[i]);
            out.writeLong(lots[i]);
            out.writeLong(quote[i]);
        }
    }

    void read(java.io.DataInput in) throws java.io.IOException {
        lastQuotePerLot = in.readLong();
        for (int i = 0; i < BUCKETS; i++) {
            minute[i] = in.readLong();
            lots[i] = in.readLong();
            quote[i] = in.readLong();
        }
    }
}
