package io.bourse.bench.workload;

import java.util.Arrays;
import java.util.Locale;

/**
 * The standard workload through the least an exchange engine can do with it, on one thread: price-time priority,
 * fills at the maker's price, locks, settlement and fees on 1,000 accounts, and nothing else (no validation, no
 * events, no order statuses, one hard-wired symbol). It is not an engine; it is the yardstick for {@code bench/run
 * engine}: how fast this machine replays the same stream when the work per command is minimal, so the gap between
 * the two is the cost of our engine's code rather than of the machine's memory.
 *
 * <p>Orders are objects linked per price level like the engine's (an earlier copy with orders in parallel arrays
 * ran no faster), found by id through a directly indexed array, and levels sit in a tick-indexed window with a
 * bitmap per side; IOC rows (priced at twice or half the starting mid) are clamped to that window, which they
 * sweep just the same. Prints one line like {@link EngineReplay}'s, with the final book checked against the
 * generator's.
 *
 * <pre>
 * FloorReplay FILE.csv.gz PROFILE [--warmup N] [--iterations N] [--expect BID,ASK,BID_LEVELS,ASK_LEVELS]
 * </pre>
 */
public final class FloorReplay {
    private static final int WINDOW = 1 << 16;
    private static final int BASE = 6_000_000 - WINDOW / 2;
    private static final long BASE_PER_LOT = 100_000;
    /** As the engine lists BTCUSDT: 0.01 USDT × 0.001 BTC = 10 units of USDT (6 decimals) per lot per tick. */
    private static final long QUOTE_PER_LOT_TICK = 10;
    private static final long MAKER = 80_000;
    private static final long TAKER = 100_000;
    private static final long RATE_ONE = 100_000_000;
    private static final int BASE_FREE = 0;
    private static final int BASE_LOCKED = 1;
    private static final int QUOTE_FREE = 2;
    private static final int QUOTE_LOCKED = 3;

    /** A resting order. */
    private static final class Order {
        long id;
        int user;
        int tick;
        boolean bid;
        long lots;
        long locked;
        Order prev;
        Order next;
    }

    /** Four balances per user; user 0 is the fee account. */
    private final long[] accounts = new long[(WorkloadMarket.USERS + 1) * 4];
    private final Order[] byId;
    private final Order[] head = new Order[WINDOW];
    private final Order[] tail = new Order[WINDOW];
    private final long[] bidBits = new long[WINDOW / 64];
    private final long[] askBits = new long[WINDOW / 64];
    private int bestBid = -1;
    private int bestAsk = WINDOW;
    private int bidLevels;
    private int askLevels;
    private Order[] pool = new Order[1024];
    private int pooled;

    FloorReplay(long maxOrderId) {
        byId = new Order[(int) maxOrderId + 1];
        for (int u = 1; u <= WorkloadMarket.USERS; u++) {
            accounts[u * 4 + BASE_FREE] = 1_000_000L * 100_000_000L;
            accounts[u * 4 + QUOTE_FREE] = 1_000_000_000L * 1_000_000L;
        }
    }

    void apply(WorkloadStream w, int i) {
        int tick = (int) Math.max(0, Math.min(WINDOW - 1, w.price()[i] - BASE));
        switch (w.type()[i]) {
            case WorkloadStream.GTC -> place(w.orderId()[i], w.uid()[i], w.bid()[i], tick, w.lots()[i], true);
            case WorkloadStream.IOC -> place(w.orderId()[i], w.uid()[i], w.bid()[i], tick, w.lots()[i], false);
            case WorkloadStream.CANCEL -> cancel(w.orderId()[i]);
            default -> move(w.orderId()[i], tick);
        }
    }

    private void place(long id, int user, boolean bid, int tick, long lots, boolean rests) {
        int a = user * 4;
        long lock = bid ? lots * quotePerLot(tick) : lots * BASE_PER_LOT;
        int free = a + (bid ? QUOTE_FREE : BASE_FREE);
        if (accounts[free] < lock) {
            throw new IllegalStateException("insufficient balance: user " + user);
        }
        accounts[free] -= lock;
        accounts[free + 1] += lock;
        takerLocked = lock;
        long left = bid ? buy(a, tick, lots) : sell(a, tick, lots);
        if (left > 0 && rests) {
            Order o = pooled > 0 ? pool[--pooled] : new Order();
            o.id = id;
            o.user = user;
            o.tick = tick;
            o.bid = bid;
            o.lots = left;
            o.locked = takerLocked;
            byId[(int) id] = o;
            append(o);
        } else if (takerLocked > 0) {
            accounts[free + 1] -= takerLocked;
            accounts[free] += takerLocked;
        }
    }

    /** Quote for one lot at the window's tick {@code t}. */
    private static long quotePerLot(int t) {
        return (t + (long) BASE) * QUOTE_PER_LOT_TICK;
    }

    /** What the taker being matched still has locked. */
    private long takerLocked;

    /** Takes asks up to {@code tick} for the account at {@code a}; returns the lots left. */
    private long buy(int a, int tick, long lots) {
        while (lots > 0 && bestAsk <= tick) {
            Order maker = head[bestAsk];
            long take = Math.min(lots, maker.lots);
            long quote = take * quotePerLot(bestAsk);
            long reserved = take * quotePerLot(tick);
            long base = take * BASE_PER_LOT;
            long buyerFee = base * TAKER / RATE_ONE;
            long sellerFee = quote * MAKER / RATE_ONE;
            accounts[a + QUOTE_LOCKED] -= reserved;
            accounts[a + QUOTE_FREE] += reserved - quote;
            accounts[a + BASE_FREE] += base - buyerFee;
            int s = maker.user * 4;
            accounts[s + BASE_LOCKED] -= base;
            accounts[s + QUOTE_FREE] += quote - sellerFee;
            accounts[BASE_FREE] += buyerFee;
            accounts[QUOTE_FREE] += sellerFee;
            maker.locked -= base;
            takerLocked -= reserved;
            lots -= take;
            if ((maker.lots -= take) == 0) {
                close(maker);
            }
        }
        return lots;
    }

    /** Takes bids down to {@code tick} for the account at {@code a}; returns the lots left. */
    private long sell(int a, int tick, long lots) {
        while (lots > 0 && bestBid >= tick) {
            Order maker = head[bestBid];
            long take = Math.min(lots, maker.lots);
            long quote = take * quotePerLot(bestBid);
            long base = take * BASE_PER_LOT;
            long sellerFee = quote * TAKER / RATE_ONE;
            long buyerFee = base * MAKER / RATE_ONE;
            accounts[a + BASE_LOCKED] -= base;
            accounts[a + QUOTE_FREE] += quote - sellerFee;
            int b = maker.user * 4;
            accounts[b + QUOTE_LOCKED] -= quote;
            accounts[b + BASE_FREE] += base - buyerFee;
            accounts[BASE_FREE] += buyerFee;
            accounts[QUOTE_FREE] += sellerFee;
            maker.locked -= quote;
            takerLocked -= base;
            lots -= take;
            if ((maker.lots -= take) == 0) {
                close(maker);
            }
        }
        return lots;
    }

    private void cancel(long id) {
        Order o = byId[(int) id];
        unlock(o);
        close(o);
    }

    /** Cancel-replace at {@code tick}, same remaining size, same id, behind the level's queue. */
    private void move(long id, int tick) {
        Order o = byId[(int) id];
        int user = o.user;
        boolean bid = o.bid;
        long lots = o.lots;
        unlock(o);
        close(o);
        place(id, user, bid, tick, lots, true);
    }

    private void unlock(Order o) {
        int locked = o.user * 4 + (o.bid ? QUOTE_LOCKED : BASE_LOCKED);
        accounts[locked] -= o.locked;
        accounts[locked - 1] += o.locked;
    }

    /** Off the book, out of the id index, back to the pool. */
    private void close(Order o) {
        unlink(o);
        byId[(int) o.id] = null;
        if (pooled == pool.length) {
            pool = Arrays.copyOf(pool, pooled * 2);
        }
        pool[pooled++] = o;
    }

    private void append(Order o) {
        int t = o.tick;
        Order last = tail[t];
        o.prev = last;
        o.next = null;
        if (last == null) {
            head[t] = o;
            if (o.bid) {
                bidBits[t >>> 6] |= 1L << t;
                bidLevels++;
                bestBid = Math.max(bestBid, t);
            } else {
                askBits[t >>> 6] |= 1L << t;
                askLevels++;
                bestAsk = Math.min(bestAsk, t);
            }
        } else {
            last.next = o;
        }
        tail[t] = o;
    }

    private void unlink(Order o) {
        int t = o.tick;
        if (o.prev == null) {
            head[t] = o.next;
        } else {
            o.prev.next = o.next;
        }
        if (o.next == null) {
            tail[t] = o.prev;
        } else {
            o.next.prev = o.prev;
        }
        if (head[t] != null) {
            return;
        }
        if (o.bid) {
            bidBits[t >>> 6] &= ~(1L << t);
            bidLevels--;
            if (t == bestBid) {
                bestBid = highestBidAtOrBelow(t);
            }
        } else {
            askBits[t >>> 6] &= ~(1L << t);
            askLevels--;
            if (t == bestAsk) {
                bestAsk = lowestAskAtOrAbove(t);
            }
        }
    }

    private int highestBidAtOrBelow(int t) {
        int w = t >>> 6;
        long word = bidBits[w] & (-1L >>> (63 - (t & 63)));
        while (word == 0) {
            if (--w < 0) {
                return -1;
            }
            word = bidBits[w];
        }
        return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
    }

    private int lowestAskAtOrAbove(int t) {
        int w = t >>> 6;
        long word = askBits[w] & (-1L << (t & 63));
        while (word == 0) {
            if (++w == askBits.length) {
                return WINDOW;
            }
            word = askBits[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

    /** Replays the whole stream (prefill included) and returns the floor in its final state. */
    static FloorReplay replay(WorkloadStream w) {
        FloorReplay floor = new FloorReplay(Arrays.stream(w.orderId()).max().orElse(0));
        for (int i = 0; i < w.rows(); i++) {
            floor.apply(w, i);
        }
        return floor;
    }

    boolean rests(long orderId) {
        return byId[(int) orderId] != null;
    }

    /** The user of a resting order. */
    int owner(long orderId) {
        return byId[(int) orderId].user;
    }

    boolean isBid(long orderId) {
        return byId[(int) orderId].bid;
    }

    /** A balance of a user (0: the fee account): asset 0 is the base, 1 the quote. */
    long free(int user, int asset) {
        return accounts[user * 4 + asset * 2];
    }

    long locked(int user, int asset) {
        return accounts[user * 4 + asset * 2 + 1];
    }

    /** Final book as {@code BID,ASK,BID_LEVELS,ASK_LEVELS} in ticks, as the generator's summary gives it. */
    String book() {
        long bid = bestBid < 0 ? 0 : bestBid + BASE;   // an empty side prints 0, as the engine reports it
        long ask = bestAsk == WINDOW ? 0 : bestAsk + BASE;
        return bid + "," + ask + "," + bidLevels + "," + askLevels;
    }

    public static void main(String[] args) throws Exception {
        ReplayOptions o = ReplayOptions.parse("FloorReplay", args);
        WorkloadStream stream = WorkloadStream.read(o.file());
        long maxId = Arrays.stream(stream.orderId()).max().orElse(0);
        int timed = stream.rows() - stream.prefill();
        double[] rates = new double[o.iterations()];
        String book = null;
        for (int it = 0; it < o.warmup() + o.iterations(); it++) {
            FloorReplay floor = new FloorReplay(maxId);
            for (int i = 0; i < stream.prefill(); i++) {
                floor.apply(stream, i);
            }
            long t0 = System.nanoTime();
            for (int i = stream.prefill(); i < stream.rows(); i++) {
                floor.apply(stream, i);
            }
            double rate = timed / ((System.nanoTime() - t0) / 1e9);
            System.err.printf(Locale.ROOT, "  %s %d: %,.0f commands/s%n", it < o.warmup() ? "warm-up" : "iteration",
                    it < o.warmup() ? it + 1 : it - o.warmup() + 1, rate);
            if (it >= o.warmup()) {
                rates[it - o.warmup()] = rate;
            }
            book = floor.book();
        }
        Arrays.sort(rates);
        String check = o.bookCheck(book);
        System.out.printf(Locale.ROOT, "engine-floor workload=%s ops_per_s=%.0f book=%s book_check=%s%n", o.profile(),
                rates[o.iterations() / 2], book, check);
        if (check.startsWith("MISMATCH")) {
            System.exit(1);
        }
    }
}
