package io.bourse.marketdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The recent klines of one symbol at one interval. Only buckets with trades are stored; a query fills the
 * buckets in between as flat klines at the previous close, as Binance does. Keeps the newest {@code capacity}
 * buckets (the history store answers for older ones).
 */
final class KlineSeries {
    private final KlineInterval interval;
    private final int capacity;
    private final TreeMap<Long, Kline> buckets = new TreeMap<>();

    KlineSeries(KlineInterval interval, int capacity) {
        this.interval = interval;
        this.capacity = capacity;
    }

    /** The open time of the oldest bucket still kept, or -1 if none. */
    long firstOpen() {
        return buckets.isEmpty() ? -1 : buckets.firstKey();
    }

    /** Whether older buckets were dropped to stay within capacity. */
    boolean full() {
        return buckets.size() >= capacity;
    }

    /** Adds a trade; returns the kline it now belongs to. */
    Kline add(Trade t) {
        long open = interval.openTime(t.timeMs());
        Kline k = buckets.get(open);
        if (k == null) {
            k = Kline.empty(open, interval.nextOpenTime(open) - 1, 0);
        }
        k = k.with(t);
        buckets.put(open, k);
        if (buckets.size() > capacity) {
            buckets.pollFirstEntry();
        }
        return k;
    }

    /** The kline of the bucket open at {@code nowMs}: with its trades, flat, or null before the first trade. */
    Kline current(long nowMs) {
        return at(interval.openTime(nowMs));
    }

    /**
     * Klines by open time, oldest first, at most {@code limit}: from {@code startTime} if given (≥ 0), else the
     * newest ones up to {@code endTime} (or the bucket open now).
     */
    List<Kline> query(long startTime, long endTime, int limit, long nowMs) {
        List<Kline> out = new ArrayList<>();
        if (buckets.isEmpty()) {
            return out;
        }
        long first = buckets.firstKey();
        long last = interval.openTime(nowMs);
        if (endTime >= 0) {
            last = Math.min(last, interval.openTime(endTime));
        }
        if (startTime >= 0) {
            long from = interval.openTime(startTime);
            long open = Math.max(first, from < startTime ? interval.nextOpenTime(from) : from);
            while (open <= last && out.size() < limit) {
                out.add(at(open));
                open = interval.nextOpenTime(open);
            }
            return out;
        }
        long open = last;
        while (open >= first && out.size() < limit) {
            out.add(at(open));
            open = interval.openTime(open - 1);
        }
        return out.reversed();
    }

    private Kline at(long open) {
        Kline k = buckets.get(open);
        if (k != null) {
            return k;
        }
        Map.Entry<Long, Kline> before = buckets.floorEntry(open);
        return before == null ? null : Kline.empty(open, interval.nextOpenTime(open) - 1, before.getValue().close());
    }

    /** Totals of the buckets opening at or after {@code from} (null if none traded), and the close before them. */
    WindowStats stats(long from) {
        NavigableMap<Long, Kline> window = buckets.tailMap(from, true);
        Map.Entry<Long, Kline> before = buckets.lowerEntry(from);
        long prevClose = before == null ? 0 : before.getValue().close();
        if (window.isEmpty()) {
            return new WindowStats(prevClose, prevClose, prevClose, prevClose, prevClose, 0, 0, 0, -1, -1);
        }
        Kline open = window.firstEntry().getValue();
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long volume = 0;
        long quoteVolume = 0;
        long count = 0;
        for (Kline k : window.values()) {
            high = Math.max(high, k.high());
            low = Math.min(low, k.low());
            volume += k.volume();
            quoteVolume += k.quoteVolume();
            count += k.trades();
        }
        Kline close = window.lastEntry().getValue();
        return new WindowStats(prevClose, open.open(), high, low, close.close(), volume, quoteVolume, count,
                open.firstTradeId(), close.lastTradeId());
    }
}
