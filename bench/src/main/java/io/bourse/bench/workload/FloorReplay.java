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
 * <p>The system property {@code bourse.floor.with} (a comma-separated subset of {@code events,balances,checks,rules})
 * adds, as leanly as each can be written, the work the engine must do beyond matching: order events with their
 * status, fill and time fields and a trade record per fill, told to a listener that ignores them; balance tracking
 * and the end-of-command report; order-entry checks (tick and step by division, bounds, notional, open-order count,
 * trading status); and the rest of the engine's rules as the checks and bookkeeping they cost on plain orders
 * (self-trade, iceberg and OCO tests per maker, the average price, level totals and fee tiers per fill, the other
 * lifecycle fields and client ids per order, stop lists after each taker). Being static, the flags let the compiler
 * drop what is off. It measures how much of the engine's work a lean engine could avoid, not what the engine does.
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
    private static final int BASE_ASSET = 0;
    private static final int QUOTE_ASSET = 1;

    static final String WITH = System.getProperty("bourse.floor.with", "");
    private static final boolean EVENTS = with("events");
    private static final boolean BALANCES = with("balances");
    private static final boolean CHECKS = with("checks");
    private static final boolean RULES = with("rules");
    private static final int NEW = 0;
    private static final int CANCELED = 1;
    private static final int EXPIRED = 2;
    private static final int PARTIALLY_FILLED = 3;
    private static final int FILLED = 4;

    private static boolean with(String work) {
        for (String w : WITH.split(",")) {
            if (w.strip().equals(work)) {
                return true;
            }
        }
        return false;
    }

    /** Where events go when {@code events} is on: nowhere, as in the engine benchmark. */
    private interface Listener {
        void onOrder(Order o, int execType);

        void onTrade(Trade t, Order taker, Order maker);

        void onBalance(int user, int asset, long free, long locked);
    }

    private static final class IgnoringListener implements Listener {
        @Override
        public void onOrder(Order o, int execType) {
        }

        @Override
        public void onTrade(Trade t, Order taker, Order maker) {
        }

        @Override
        public void onBalance(int user, int asset, long free, long locked) {
        }
    }

    /** One fill, as the engine describes it to its listener. */
    private static final class Trade {
        long id;
        int tick;
        long base;
        long quote;
        long buyerOrderId;
        long sellerOrderId;
        int buyerUser;
        int sellerUser;
        boolean buyerIsMaker;
        long buyerFee;
        long sellerFee;
        long timeMs;
    }

    /** A resting order (or, with events, the incoming one); the fields after {@code next} serve the options. */
    private static final class Order {
        long id;
        int user;
        int tick;
        boolean bid;
        long lots;
        long locked;
        Order prev;
        Order next;
        int status;
        long filledLots;
        long cumQuote;
        long createdMs;
        long updatedMs;
        long workingMs;
        long origLots;
        long visibleLots;
        long icebergLots;
        long preventedLots;
        long stopPrice;
        long quoteOrderQty;
        long orderListId;
        String clientOrderId;
        Order ocoPeer;
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

    private final Listener listener = new IgnoringListener();
    private final Order incoming = new Order();
    private final Trade trade = new Trade();
    private long nextTradeId = 1;
    private long nowMs;
    private final long[] balanceStamps = new long[(WorkloadMarket.USERS + 1) * 2];
    private long stamp;
    private int[] touchedUsers = new int[64];
    private int[] touchedAssets = new int[64];
    private int touchedCount;
    private final long tickSize = WorkloadMarket.TICK;
    private final long stepSize = WorkloadMarket.LOT;
    private final boolean trading = true;
    private final int[] openOrders = new int[WorkloadMarket.USERS + 1];
    private final int maxNumOrders = 200;
    private final long[] avgMinute = new long[64];
    private final long[] avgLots = new long[64];
    private final long[] avgQuote = new long[64];
    private final long[] levelLots = new long[WINDOW];
    private final int[] feeTier = new int[WorkloadMarket.USERS + 1];
    private final long[] makerRates = {MAKER};
    private final long[] takerRates = {TAKER};
    private final Order[] stops = new Order[16];
    private int stopCount;
    private long lastTick;
    private long ruleHits;

    FloorReplay(long maxOrderId) {
        byId = new Order[(int) maxOrderId + 1];
        for (int u = 1; u <= WorkloadMarket.USERS; u++) {
            accounts[u * 4 + BASE_FREE] = 1_000_000L * 100_000_000L;
            accounts[u * 4 + QUOTE_FREE] = 1_000_000_000L * 1_000_000L;
        }
    }

    void apply(WorkloadStream w, int i) {
        if (EVENTS || BALANCES || RULES) {
            stamp++;
            nowMs = 1_700_000_000_000L + i;   // the command's time, as EngineReplay stamps it
        }
        int tick = (int) Math.max(0, Math.min(WINDOW - 1, w.price()[i] - BASE));
        switch (w.type()[i]) {
            case WorkloadStream.GTC -> place(w.orderId()[i], w.uid()[i], w.bid()[i], tick, w.lots()[i], true);
            case WorkloadStream.IOC -> place(w.orderId()[i], w.uid()[i], w.bid()[i], tick, w.lots()[i], false);
            case WorkloadStream.CANCEL -> cancel(w.orderId()[i]);
            default -> move(w.orderId()[i], tick);
        }
        if (BALANCES) {
            for (int k = 0; k < touchedCount; k++) {
                int u = touchedUsers[k];
                int free = u * 4 + touchedAssets[k] * 2;
                listener.onBalance(u, touchedAssets[k], accounts[free], accounts[free + 1]);
            }
            touchedCount = 0;
        }
    }

    private void touch(int user, int asset) {
        int i = user * 2 + asset;
        if (balanceStamps[i] != stamp) {
            balanceStamps[i] = stamp;
            if (touchedCount == touchedUsers.length) {
                touchedUsers = Arrays.copyOf(touchedUsers, touchedCount * 2);
                touchedAssets = Arrays.copyOf(touchedAssets, touchedCount * 2);
            }
            touchedUsers[touchedCount] = user;
            touchedAssets[touchedCount++] = asset;
        }
    }

    /** The order-entry checks a plain limit order passes; the workload never fails them. */
    private void check(int user, int tick, long lots) {
        long price = (tick + (long) BASE) * tickSize;
        long quantity = lots * stepSize;
        long ticks = price / tickSize;
        long steps = quantity / stepSize;
        boolean ok = trading && ticks * tickSize == price && price >= tickSize && price <= 100_000_000 * tickSize
                && steps * stepSize == quantity && quantity >= stepSize && quantity <= 100_000 * stepSize
                && Math.multiplyHigh(steps, quotePerLot(tick)) == 0 && openOrders[user] < maxNumOrders;
        if (!ok) {
            throw new IllegalStateException("order-entry check failed: user " + user);
        }
    }

    private void place(long id, int user, boolean bid, int tick, long lots, boolean rests) {
        if (CHECKS) {
            check(user, tick, lots);
        }
        int a = user * 4;
        long lock = bid ? lots * quotePerLot(tick) : lots * BASE_PER_LOT;
        int free = a + (bid ? QUOTE_FREE : BASE_FREE);
        if (accounts[free] < lock) {
            throw new IllegalStateException("insufficient balance: user " + user);
        }
        accounts[free] -= lock;
        accounts[free + 1] += lock;
        if (BALANCES) {
            touch(user, bid ? QUOTE_ASSET : BASE_ASSET);
        }
        Order taker = incoming;
        if (EVENTS) {
            taker.id = id;
            taker.user = user;
            taker.tick = tick;
            taker.bid = bid;
            taker.lots = lots;
            taker.origLots = lots;
            taker.filledLots = 0;
            taker.cumQuote = 0;
            taker.status = NEW;
            taker.createdMs = nowMs;
            taker.updatedMs = nowMs;
            taker.workingMs = nowMs;
            listener.onOrder(taker, NEW);
        }
        takerLocked = lock;
        long left = bid ? buy(a, tick, lots) : sell(a, tick, lots);
        if (RULES) {
            fireStops();
        }
        if (left > 0 && rests) {
            Order o = pooled > 0 ? pool[--pooled] : new Order();
            o.id = id;
            o.user = user;
            o.tick = tick;
            o.bid = bid;
            o.lots = left;
            o.locked = takerLocked;
            if (EVENTS) {
                o.status = left < lots ? PARTIALLY_FILLED : NEW;
                o.filledLots = lots - left;
                o.cumQuote = taker.cumQuote;
                o.createdMs = nowMs;
                o.updatedMs = nowMs;
                o.workingMs = nowMs;
            }
            if (RULES) {
                o.origLots = lots;
                o.visibleLots = left;
                o.icebergLots = 0;
                o.preventedLots = 0;
                o.stopPrice = 0;
                o.quoteOrderQty = 0;
                o.orderListId = -1;
                o.clientOrderId = null;
                o.ocoPeer = null;
                levelLots[tick] += left;
            }
            if (CHECKS) {
                openOrders[user]++;
            }
            byId[(int) id] = o;
            append(o);
        } else {
            if (takerLocked > 0) {
                accounts[free + 1] -= takerLocked;
                accounts[free] += takerLocked;
            }
            if (EVENTS && left > 0) {
                taker.status = EXPIRED;
                listener.onOrder(taker, EXPIRED);
            }
        }
    }

    /** Settlement's bookkeeping beyond the balances, for one fill of {@code take} lots at the maker's tick. */
    private void afterFill(Order taker, Order maker, long take, long quote, long base, long buyerFee,
                           long sellerFee, int tick) {
        if (BALANCES) {
            int buyer = taker.bid ? taker.user : maker.user;
            int seller = taker.bid ? maker.user : taker.user;
            touch(buyer, QUOTE_ASSET);
            touch(buyer, BASE_ASSET);
            touch(seller, BASE_ASSET);
            touch(seller, QUOTE_ASSET);
            touch(0, BASE_ASSET);
            touch(0, QUOTE_ASSET);
        }
        if (EVENTS) {
            taker.filledLots += take;
            taker.cumQuote += quote;
            taker.updatedMs = nowMs;
            taker.status = taker.filledLots == taker.origLots ? FILLED : PARTIALLY_FILLED;
            maker.filledLots += take;
            maker.cumQuote += quote;
            maker.updatedMs = nowMs;
            maker.status = maker.lots == take ? FILLED : PARTIALLY_FILLED;
            Trade t = trade;
            t.id = nextTradeId++;
            t.tick = tick;
            t.base = base;
            t.quote = quote;
            t.buyerIsMaker = !taker.bid;
            t.buyerOrderId = taker.bid ? taker.id : maker.id;
            t.sellerOrderId = taker.bid ? maker.id : taker.id;
            t.buyerUser = taker.bid ? taker.user : maker.user;
            t.sellerUser = taker.bid ? maker.user : taker.user;
            t.buyerFee = buyerFee;
            t.sellerFee = sellerFee;
            t.timeMs = nowMs;
            listener.onTrade(t, taker, maker);
        }
        if (RULES) {
            if (maker.user == taker.user || maker.icebergLots > 0 || maker.ocoPeer != null) {
                ruleHits++;   // self-trade prevention, iceberg refresh and OCO expiry would branch off here
            }
            long minute = Math.floorDiv(nowMs, 60_000L);
            int b = (int) (minute & 63);
            if (avgMinute[b] != minute) {
                avgMinute[b] = minute;
                avgLots[b] = 0;
                avgQuote[b] = 0;
            }
            avgLots[b] += take;
            avgQuote[b] += quote;
            levelLots[tick] -= take;
            maker.visibleLots -= take;
            lastTick = tick;
            int takerTier = feeTier[taker.user];
            int makerTier = feeTier[maker.user];
            ruleHits += (takerTier < takerRates.length ? takerRates[takerTier] : 0)
                    + (makerTier < makerRates.length ? makerRates[makerTier] : 0) == 0 ? 1 : 0;
        }
    }

    /** The stop lists after a taker: the workload places no stops, so they stay empty. */
    private void fireStops() {
        if (lastTick != 0 && stopCount > 0 && stops[0].stopPrice <= lastTick) {
            ruleHits++;
        }
    }

    /** Quote for one lot at the window's tick {@code t}. */
    private static long quotePerLot(int t) {
        return (t + (long) BASE) * QUOTE_PER_LOT_TICK;
    }

    /** What the taker being matched still has locked. */
    private long takerLocked;

    // buy and sell are mirror images written out, as the leanest engine would have them, rather than one loop that
    // asks the side at every maker.

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
            if (BALANCES || EVENTS || RULES) {
                afterFill(incoming, maker, take, quote, base, buyerFee, sellerFee, bestAsk);
            }
            if ((maker.lots -= take) == 0) {
                closeFilled(maker);
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
            if (BALANCES || EVENTS || RULES) {
                afterFill(incoming, maker, take, quote, base, buyerFee, sellerFee, bestBid);
            }
            if ((maker.lots -= take) == 0) {
                closeFilled(maker);
            }
        }
        return lots;
    }

    private void cancel(long id) {
        Order o = byId[(int) id];
        unlock(o);
        close(o);
        if (EVENTS) {
            o.status = CANCELED;
            o.updatedMs = nowMs;
            listener.onOrder(o, CANCELED);
        }
    }

    private void closeFilled(Order maker) {
        if (CHECKS) {
            openOrders[maker.user]--;
        }
        close(maker);
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

    /** Releases what a resting order still holds, as a cancel (or the cancel half of a move) does. */
    private void unlock(Order o) {
        int locked = o.user * 4 + (o.bid ? QUOTE_LOCKED : BASE_LOCKED);
        accounts[locked] -= o.locked;
        accounts[locked - 1] += o.locked;
        if (BALANCES) {
            touch(o.user, o.bid ? QUOTE_ASSET : BASE_ASSET);
        }
        if (CHECKS) {
            openOrders[o.user]--;
        }
        if (RULES) {
            if (o.clientOrderId != null || o.ocoPeer != null || o.stopPrice != 0) {
                ruleHits++;   // client-id removal, OCO peer and untriggered-stop bookkeeping would branch off here
            }
            levelLots[o.tick] -= o.lots;
        }
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
        System.out.printf(Locale.ROOT, "engine-floor workload=%s with=%s ops_per_s=%.0f book=%s book_check=%s%n",
                o.profile(), WITH.isEmpty() ? "nothing" : WITH, rates[o.iterations() / 2], book, check);
        if (check.startsWith("MISMATCH")) {
            System.exit(1);
        }
    }
}
