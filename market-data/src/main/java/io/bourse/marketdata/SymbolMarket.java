package io.bourse.marketdata;

import io.bourse.engine.Side;
import io.bourse.engine.market.SymbolSpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything public about one symbol: its book with update ids, recent trades and aggregate trades, klines at
 * every interval. Written by the {@link MarketData} consumer, one whole command at a time under the lock, so a
 * reader never sees half of a command; every read method takes the lock and returns a copy.
 */
public final class SymbolMarket {
    /** Trades and aggregate trades kept in memory (the most {@code /api/v3/trades} returns). */
    public static final int RECENT = 1000;
    /** Klines kept per interval: enough 1m buckets for a rolling day, and a full page for every interval. */
    static final int KLINES_KEPT = 1500;

    final ReentrantLock lock = new ReentrantLock();
    private volatile SymbolSpec spec;
    private final DepthBook depth = new DepthBook();
    private final ArrayDeque<Trade> trades = new ArrayDeque<>();
    private final ArrayDeque<AggTrade> aggTrades = new ArrayDeque<>();
    private final Map<KlineInterval, KlineSeries> klines = new EnumMap<>(KlineInterval.class);
    private long firstTradeMs = -1;
    private long aggTaker = -1;
    private BookTicker publishedTicker;

    SymbolMarket(SymbolSpec spec) {
        this.spec = spec;
        for (KlineInterval i : KlineInterval.values()) {
            klines.put(i, new KlineSeries(i, KLINES_KEPT));
        }
    }

    public SymbolSpec spec() {
        return spec;
    }

    void spec(SymbolSpec newSpec) {
        this.spec = newSpec;
    }

    // ------------------------------------------------------------------ writes (consumer thread, lock held)

    void follow(long orderId, Side side, long price, long visible) {
        depth.follow(orderId, side, price, visible);
    }

    /** Records a fill by {@code takerOrderId}; consecutive fills of one taker at one price form one aggregate. */
    Trade trade(long id, long price, long qty, long quoteQty, long timeMs, boolean buyerIsMaker, long takerOrderId) {
        Trade t = new Trade(id, price, qty, quoteQty, timeMs, buyerIsMaker);
        push(trades, t);
        AggTrade last = aggTrades.peekLast();
        if (last != null && last.continuedBy(aggTaker, takerOrderId, id, price)) {
            aggTrades.pollLast();
            aggTrades.addLast(last.plus(id, qty));
        } else {
            push(aggTrades, AggTrade.of(id, price, qty, timeMs, buyerIsMaker));
        }
        aggTaker = takerOrderId;
        if (firstTradeMs < 0) {
            firstTradeMs = timeMs;
        }
        for (KlineSeries series : klines.values()) {
            series.add(t);
        }
        return t;
    }

    /** Ends the current aggregate: the next fill starts a new one even by the same taker at the same price. */
    void endAggregate() {
        aggTaker = -1;
    }

    AggTrade lastAggTrade() {
        return aggTrades.peekLast();
    }

    /** The book ticker if the best bid or ask changed since the last call, else null. */
    BookTicker changedTicker() {
        BookTicker now = depth.ticker();
        BookTicker before = publishedTicker;
        if (before != null && before.bidPrice() == now.bidPrice() && before.bidQty() == now.bidQty()
                && before.askPrice() == now.askPrice() && before.askQty() == now.askQty()) {
            return null;
        }
        publishedTicker = now;
        return now;
    }

    private static <T> void push(ArrayDeque<T> ring, T item) {
        ring.addLast(item);
        if (ring.size() > RECENT) {
            ring.pollFirst();
        }
    }

    // ------------------------------------------------------------------ reads (any thread)

    public DepthSnapshot depth(int limit) {
        lock.lock();
        try {
            return depth.snapshot(limit);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The levels changed since the last drain at this speed ({@link DepthSpeed}), or null if none. The streams
     * drain every symbol at every tick, subscribers or not, so each speed's diffs chain without gaps.
     */
    public DepthDiff drainDepth(DepthSpeed speed) {
        lock.lock();
        try {
            return depth.drain(speed.ordinal());
        } finally {
            lock.unlock();
        }
    }

    public BookTicker bookTicker() {
        lock.lock();
        try {
            return depth.ticker();
        } finally {
            lock.unlock();
        }
    }

    /** The newest {@code limit} trades, oldest first. */
    public List<Trade> recentTrades(int limit) {
        lock.lock();
        try {
            return newest(trades, limit);
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code limit} trades from id {@code fromId} on, oldest first (only those still in memory). */
    public List<Trade> tradesFrom(long fromId, int limit) {
        lock.lock();
        try {
            List<Trade> out = new ArrayList<>();
            for (Trade t : trades) {
                if (t.id() >= fromId && out.size() < limit) {
                    out.add(t);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest aggregate trade still in memory, or null if there is none. */
    public AggTrade oldestAggTrade() {
        lock.lock();
        try {
            return aggTrades.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Aggregate trades, oldest first: from {@code fromId} if ≥ 0; else within {@code [startTime, endTime]} where
     * given (≥ 0); else the newest {@code limit}.
     */
    public List<AggTrade> aggTrades(long fromId, long startTime, long endTime, int limit) {
        lock.lock();
        try {
            if (fromId < 0 && startTime < 0 && endTime < 0) {
                return newest(aggTrades, limit);
            }
            List<AggTrade> out = new ArrayList<>();
            for (AggTrade a : aggTrades) {
                boolean in = fromId >= 0 ? a.id() >= fromId
                        : (startTime < 0 || a.timeMs() >= startTime) && (endTime < 0 || a.timeMs() <= endTime);
                if (in && out.size() < limit) {
                    out.add(a);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    public List<Kline> klines(KlineInterval interval, long startTime, long endTime, int limit, long nowMs) {
        lock.lock();
        try {
            return klines.get(interval).query(startTime, endTime, limit, nowMs);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Klines in a time zone {@code offsetMs} east of UTC (Binance's {@code timeZone}): buckets that start at the
     * zone's midnight, week or month. When the offset is a whole number of buckets they are the UTC ones;
     * otherwise they are added up from the finest stored buckets that line up with the zone (hours, quarter hours
     * or minutes), so only as far back as those reach.
     */
    public List<Kline> klines(KlineInterval interval, long startTime, long endTime, int limit, long nowMs,
                              long offsetMs) {
        KlineInterval base = baseFor(interval, offsetMs);
        if (base == interval) {
            return klines(interval, startTime, endTime, limit, nowMs);
        }
        List<Kline> fine;
        lock.lock();
        try {
            fine = klines.get(base).query(startTime < 0 ? -1 : interval.openTime(startTime, offsetMs),
                    endTime, KLINES_KEPT, nowMs);
        } finally {
            lock.unlock();
        }
        List<Kline> out = new ArrayList<>();
        for (Kline k : fine) {
            long open = interval.openTime(k.openTime(), offsetMs);
            Kline last = out.isEmpty() ? null : out.getLast();
            if (last == null || last.openTime() != open) {
                long close = interval.nextOpenTime(open + offsetMs) - offsetMs - 1;
                out.add(new Kline(open, close, k.open(), k.high(), k.low(), k.close(), k.volume(), k.quoteVolume(),
                        k.trades(), k.takerBuyVolume(), k.takerBuyQuoteVolume(), k.firstTradeId(), k.lastTradeId()));
            } else {
                out.set(out.size() - 1, last.merge(k));
            }
        }
        List<Kline> chosen = out.stream().filter(k -> (startTime < 0 || k.openTime() >= startTime)
                && (endTime < 0 || k.openTime() <= endTime)).toList();
        return startTime >= 0 ? chosen.stream().limit(limit).toList()
                : chosen.subList(Math.max(0, chosen.size() - limit), chosen.size());
    }

    /**
     * From when the klines of {@code interval} in a time zone {@code offsetMs} east of UTC are complete in memory:
     * every trade from this time on is in them (older ones are only in the history store); {@code Long.MAX_VALUE}
     * before the first trade.
     */
    public long klineHorizon(KlineInterval interval, long offsetMs) {
        lock.lock();
        try {
            if (firstTradeMs < 0) {
                return Long.MAX_VALUE;
            }
            KlineSeries series = klines.get(baseFor(interval, offsetMs));
            return series.full() ? Math.max(firstTradeMs, series.firstOpen()) : firstTradeMs;
        } finally {
            lock.unlock();
        }
    }

    /** The series {@link #klines} reads for {@code interval} in a time zone {@code offsetMs} east of UTC. */
    private static KlineInterval baseFor(KlineInterval interval, long offsetMs) {
        if (offsetMs == 0 || (interval.millis() > 0 && offsetMs % interval.millis() == 0)) {
            return interval;
        }
        KlineInterval base = offsetMs % 3_600_000L == 0 ? KlineInterval.H1
                : offsetMs % 900_000L == 0 ? KlineInterval.M15 : KlineInterval.M1;
        return interval.millis() > 0 && interval.millis() <= base.millis() ? KlineInterval.M1 : base;
    }

    /** The kline open at {@code nowMs}, or null before the first trade. */
    public Kline currentKline(KlineInterval interval, long nowMs) {
        lock.lock();
        try {
            return klines.get(interval).current(nowMs);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The ticker of the window {@code [fromMs, closeMs]}: statistics from minute buckets for windows up to a day
     * and hour buckets beyond (the window's start rounds down to its bucket, as Binance's rolling tickers do).
     */
    public Ticker ticker(long fromMs, long closeMs) {
        KlineInterval unit = closeMs - fromMs <= 86_400_000L ? KlineInterval.M1 : KlineInterval.H1;
        lock.lock();
        try {
            WindowStats stats = klines.get(unit).stats(unit.openTime(fromMs));
            Trade last = trades.peekLast();
            return new Ticker(fromMs, closeMs, stats, last == null ? stats.last() : last.price(),
                    last == null ? 0 : last.qty(), depth.ticker());
        } finally {
            lock.unlock();
        }
    }

    private static <T> List<T> newest(ArrayDeque<T> ring, int limit) {
        List<T> out = new ArrayList<>(Math.min(limit, ring.size()));
        Iterator<T> it = ring.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out.reversed();
    }
}
