package io.bourse.marketdata;

import java.util.ArrayList;
import java.util.List;

/**
 * Klines of one interval folded from finer ones (the history store's per-minute aggregates), in a client's time
 * zone, with the buckets in which nothing traded filled flat at the previous close, as the live klines are.
 */
public final class KlineFolding {
    private KlineFolding() {
    }

    /**
     * @param fine      finer klines, oldest first, all within [{@code fromMs}, {@code toMs}]
     * @param prevClose the last price before {@code fromMs} (0 if none): the level of leading empty buckets
     * @return every bucket from the one holding {@code fromMs} (or the first trade, if nothing traded before) to
     *         the one holding {@code toMs}, oldest first
     */
    public static List<Kline> fold(List<Kline> fine, KlineInterval interval, long offsetMs, long prevClose,
                                   long fromMs, long toMs) {
        List<Kline> out = new ArrayList<>();
        if (fine.isEmpty() && prevClose == 0) {
            return out;
        }
        long open = interval.openTime(prevClose == 0 ? fine.getFirst().openTime() : fromMs, offsetMs);
        long last = interval.openTime(toMs, offsetMs);
        long price = prevClose;
        int i = 0;
        while (open <= last) {
            long next = interval.nextOpenTime(open + offsetMs) - offsetMs;
            Kline bucket = Kline.empty(open, next - 1, price);
            while (i < fine.size() && fine.get(i).openTime() < next) {
                bucket = bucket.merge(fine.get(i++));
            }
            out.add(bucket);
            price = bucket.close();
            open = next;
        }
        return out;
    }

    /** {@code later} after {@code earlier}: a bucket both hold (split at the history's horizon) is merged. */
    public static List<Kline> join(List<Kline> earlier, List<Kline> later, KlineInterval interval, long offsetMs) {
        List<Kline> out = new ArrayList<>(earlier);
        for (Kline k : later) {
            Kline last = out.isEmpty() ? null : out.getLast();
            if (last != null && last.openTime() == k.openTime()) {
                out.set(out.size() - 1, last.merge(k));
            } else {
                while (last != null && interval.nextOpenTime(last.openTime() + offsetMs) - offsetMs < k.openTime()) {
                    long open = interval.nextOpenTime(last.openTime() + offsetMs) - offsetMs;
                    last = Kline.empty(open, interval.nextOpenTime(open + offsetMs) - offsetMs - 1, last.close());
                    out.add(last);
                }
                out.add(k);
            }
        }
        return out;
    }
}
