package io.bourse.api.userdata;

import io.bourse.engine.PreventedMatch;
import io.bourse.engine.event.OrderState;
import io.bourse.history.OrderAmendment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One user's balances, open orders, recently closed orders, recent fills, prevented matches and amendments, as the
 * events tell them. Guarded by its own monitor: the user-data consumer writes, request threads read copies.
 *
 * <p>With a history store, what is closed is also kept there, and every query reads both (this state is read first,
 * then the store, so an entry dropped here in between is already in the store). So past the newest
 * {@value #KEPT_WHEN_STORED} of each kind, an entry stays here only until the store has committed its command: a
 * user's memory follows what the store has not yet written, not how much the user trades. Without a store, the newest
 * {@value #RECENT} of each kind are all there is.
 */
public final class UserState {
    /** Closed orders, fills, prevented matches and amendments kept per user at most. */
    static final int RECENT = 1000;
    /** How many of each kind stay here once the history store holds them too (quick answers for the newest). */
    static final int KEPT_WHEN_STORED = 100;

    private final long userId;
    /** The sequence up to which the history store has committed every command's rows (-1 without a store). */
    private final LongSupplier storedUpTo;
    private long[] free = new long[0];
    private long[] locked = new long[0];
    private int feeTier;
    private long updateTimeMs;
    private final Map<Long, OrderState> open = new LinkedHashMap<>();
    /** Recently closed orders by id, oldest first (an order closed again moves to the end). */
    private final LinkedHashMap<Long, Held<OrderState>> closed = new LinkedHashMap<>();
    private final ArrayDeque<Held<UserTrade>> trades = new ArrayDeque<>();
    private final ArrayDeque<Held<PreventedMatch>> prevented = new ArrayDeque<>();
    private final ArrayDeque<Held<OrderAmendment>> amendments = new ArrayDeque<>();

    /** An entry and the sequence of the command that made it. */
    private record Held<T>(T value, long sequence) {
    }

    UserState(long userId) {
        this(userId, () -> -1);
    }

    UserState(long userId, LongSupplier storedUpTo) {
        this.userId = userId;
        this.storedUpTo = storedUpTo;
    }

    public long userId() {
        return userId;
    }

    /** A user's balance of one asset. */
    public record Balance(int assetId, long free, long locked) {
    }

    // ------------------------------------------------------------------ writes (consumer thread)

    synchronized void balance(int assetId, long newFree, long newLocked, long timeMs) {
        if (assetId >= free.length) {
            free = java.util.Arrays.copyOf(free, assetId + 1);
            locked = java.util.Arrays.copyOf(locked, assetId + 1);
        }
        free[assetId] = newFree;
        locked[assetId] = newLocked;
        updateTimeMs = Math.max(updateTimeMs, timeMs);
    }

    synchronized void feeTier(int tier) {
        this.feeTier = tier;
    }

    /** The order's state after command {@code sequence}. */
    synchronized void order(OrderState o, long sequence) {
        if (o.status().isOpen()) {
            open.put(o.orderId(), o);
            return;
        }
        open.remove(o.orderId());
        closed.remove(o.orderId());
        closed.put(o.orderId(), new Held<>(o, sequence));
        long stored = storedUpTo.getAsLong();
        while (letGoOldest(closed.size(), closed.firstEntry().getValue().sequence(), stored)) {
            closed.pollFirstEntry();
        }
    }

    synchronized void prevented(PreventedMatch p, long sequence) {
        keep(prevented, new Held<>(p, sequence));
    }

    synchronized void amended(OrderAmendment a) {
        keep(amendments, new Held<>(a, a.executionId()));
    }

    synchronized void trade(UserTrade t, long sequence) {
        keep(trades, new Held<>(t, sequence));
    }

    private <T> void keep(ArrayDeque<Held<T>> recent, Held<T> entry) {
        recent.addLast(entry);
        long stored = storedUpTo.getAsLong();
        while (letGoOldest(recent.size(), recent.getFirst().sequence(), stored)) {
            recent.pollFirst();
        }
    }

    /** Whether a kind holding {@code size} entries, the oldest made by command {@code oldest}, lets it go. */
    private static boolean letGoOldest(int size, long oldest, long storedUpTo) {
        return size > RECENT || size > KEPT_WHEN_STORED && oldest <= storedUpTo;
    }

    /** How many closed orders, fills, prevented matches and amendments this state holds (for tests and metrics). */
    public synchronized int heldCount() {
        return closed.size() + trades.size() + prevented.size() + amendments.size();
    }

    // ------------------------------------------------------------------ reads (any thread)

    public synchronized List<Balance> balances() {
        List<Balance> out = new ArrayList<>(free.length);
        for (int a = 0; a < free.length; a++) {
            out.add(new Balance(a, free[a], locked[a]));
        }
        return out;
    }

    public synchronized int feeTier() {
        return feeTier;
    }

    public synchronized long updateTimeMs() {
        return updateTimeMs;
    }

    /** An open or recently closed order of this user, or null. */
    public synchronized OrderState order(long orderId) {
        OrderState o = open.get(orderId);
        if (o != null) {
            return o;
        }
        Held<OrderState> c = closed.get(orderId);
        return c == null ? null : c.value();
    }

    /** The order on {@code symbolId} with this client id: an open one first, else the newest closed one. */
    public synchronized OrderState orderByClientId(int symbolId, String clientOrderId) {
        for (OrderState o : open.values()) {
            if (o.symbolId() == symbolId && clientOrderId.equals(o.clientOrderId())) {
                return o;
            }
        }
        for (Held<OrderState> held : closed.sequencedValues().reversed()) {
            OrderState c = held.value();
            if (c.symbolId() == symbolId && clientOrderId.equals(c.clientOrderId())) {
                return c;
            }
        }
        return null;
    }

    /** Open orders, oldest first; on one symbol, or all when {@code symbolId} is negative. */
    public synchronized List<OrderState> openOrders(int symbolId) {
        return open.values().stream().filter(o -> symbolId < 0 || o.symbolId() == symbolId).toList();
    }

    /** Open and recently closed orders on a symbol, by order id. */
    public synchronized List<OrderState> allOrders(int symbolId) {
        List<OrderState> out = new ArrayList<>();
        closed.values().stream().map(Held::value).filter(o -> o.symbolId() == symbolId).forEach(out::add);
        open.values().stream().filter(o -> o.symbolId() == symbolId).forEach(out::add);
        out.sort(java.util.Comparator.comparingLong(OrderState::orderId));
        return out;
    }

    /** Orders (open or recently closed) that belong to order lists, by order id. */
    public synchronized List<OrderState> listOrders() {
        List<OrderState> out = new ArrayList<>();
        closed.values().stream().map(Held::value).filter(o -> o.orderListId() >= 0).forEach(out::add);
        open.values().stream().filter(o -> o.orderListId() >= 0).forEach(out::add);
        out.sort(java.util.Comparator.comparingLong(OrderState::orderId));
        return out;
    }

    /** Recent prevented matches on a symbol, oldest first. */
    public synchronized List<PreventedMatch> preventedMatches(int symbolId) {
        return prevented.stream().map(Held::value).filter(p -> p.symbolId() == symbolId).toList();
    }

    /** Recent amendments of an order, oldest first. */
    public synchronized List<OrderAmendment> amendments(long orderId) {
        return amendments.stream().map(Held::value).filter(a -> a.orderId() == orderId).toList();
    }

    /** Recent fills on a symbol, oldest first. */
    public synchronized List<UserTrade> trades(int symbolId) {
        return trades.stream().map(Held::value).filter(t -> t.symbolId() == symbolId).toList();
    }
}
