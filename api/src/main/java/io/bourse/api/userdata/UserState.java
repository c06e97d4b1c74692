package io.bourse.api.userdata;

import io.bourse.engine.PreventedMatch;
import io.bourse.engine.event.OrderState;
import io.bourse.history.OrderAmendment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's balances, open orders, recently closed orders, recent fills, prevented matches and amendments, as the
 * events tell them. Guarded by its own monitor: the user-data consumer writes, request threads read copies.
 */
public final class UserState {
    /** Closed orders and fills kept per user until the history store answers for older ones. */
    static final int RECENT = 1000;

    private final long userId;
    private long[] free = new long[0];
    private long[] locked = new long[0];
    private int feeTier;
    private long updateTimeMs;
    private final Map<Long, OrderState> open = new LinkedHashMap<>();
    /** Recently closed orders by id, oldest first (an order closed again moves to the end). */
    private final LinkedHashMap<Long, OrderState> closed = new LinkedHashMap<>();
    private final ArrayDeque<UserTrade> trades = new ArrayDeque<>();
    private final ArrayDeque<PreventedMatch> prevented = new ArrayDeque<>();
    private final ArrayDeque<OrderAmendment> amendments = new ArrayDeque<>();

    UserState(long userId) {
        this.userId = userId;
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

    synchronized void order(OrderState o) {
        if (o.status().isOpen()) {
            open.put(o.orderId(), o);
            return;
        }
        open.remove(o.orderId());
        closed.remove(o.orderId());
        closed.put(o.orderId(), o);
        if (closed.size() > RECENT) {
            closed.pollFirstEntry();
        }
    }

    synchronized void prevented(PreventedMatch p) {
        prevented.addLast(p);
        if (prevented.size() > RECENT) {
            prevented.pollFirst();
        }
    }

    synchronized void amended(OrderAmendment a) {
        amendments.addLast(a);
        if (amendments.size() > RECENT) {
            amendments.pollFirst();
        }
    }

    synchronized void trade(UserTrade t) {
        trades.addLast(t);
        if (trades.size() > RECENT) {
            trades.pollFirst();
        }
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
        return o != null ? o : closed.get(orderId);
    }

    /** The order on {@code symbolId} with this client id: an open one first, else the newest closed one. */
    public synchronized OrderState orderByClientId(int symbolId, String clientOrderId) {
        for (OrderState o : open.values()) {
            if (o.symbolId() == symbolId && clientOrderId.equals(o.clientOrderId())) {
                return o;
            }
        }
        for (OrderState c : closed.sequencedValues().reversed()) {
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
        closed.values().stream().filter(o -> o.symbolId() == symbolId).forEach(out::add);
        open.values().stream().filter(o -> o.symbolId() == symbolId).forEach(out::add);
        out.sort(java.util.Comparator.comparingLong(OrderState::orderId));
        return out;
    }

    /** Orders (open or recently closed) that belong to order lists, by order id. */
    public synchronized List<OrderState> listOrders() {
        List<OrderState> out = new ArrayList<>();
        closed.values().stream().filter(o -> o.orderListId() >= 0).forEach(out::add);
        open.values().stream().filter(o -> o.orderListId() >= 0).forEach(out::add);
        out.sort(java.util.Comparator.comparingLong(OrderState::orderId));
        return out;
    }

    /** Recent prevented matches on a symbol, oldest first. */
    public synchronized List<PreventedMatch> preventedMatches(int symbolId) {
        return prevented.stream().filter(p -> p.symbolId() == symbolId).toList();
    }

    /** Recent amendments of an order, oldest first. */
    public synchronized List<OrderAmendment> amendments(long orderId) {
        return amendments.stream().filter(a -> a.orderId() == orderId).toList();
    }

    /** Recent fills on a symbol, oldest first. */
    public synchronized List<UserTrade> trades(int symbolId) {
        return trades.stream().filter(t -> t.symbolId() == symbolId).toList();
    }
}
