package io.bourse.engine.account;

import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;

import java.util.Arrays;

/**
 * One user's balances (free and locked, per asset), fee tier, open-order counts and client order ids.
 *
 * <p>No balance operation checks for overflow: the engine caps each asset's total supply at
 * {@link Long#MAX_VALUE} and every balance is a non-negative part of that supply, so no sum of balances can
 * overflow. Operations that would make a balance negative are engine bugs and fail loudly.
 */
public final class Account {
    private static final long NOT_FOUND = -1L;

    private final long userId;
    private long[] free = new long[4];
    private long[] locked = new long[4];
    private long[] touchedStamp = new long[4];
    private int[] openOrders = new int[4];
    private int[] openAlgoOrders = new int[4];
    private Object2LongOpenHashMap<String>[] clientOrderIds;
    private int feeTier;

    public Account(long userId) {
        this.userId = userId;
        Arrays.fill(touchedStamp, -1);
    }

    public long userId() {
        return userId;
    }

    public int feeTier() {
        return feeTier;
    }

    public void feeTier(int tier) {
        this.feeTier = tier;
    }

    public long free(int assetId) {
        return assetId < free.length ? free[assetId] : 0;
    }

    public long locked(int assetId) {
        return assetId < locked.length ? locked[assetId] : 0;
    }

    /** Highest asset id this account has a slot for, plus one. */
    public int assetSlots() {
        return free.length;
    }

    public void credit(int assetId, long amount) {
        ensureAsset(assetId);
        free[assetId] += amount;
    }

    public void debitFree(int assetId, long amount) {
        if (free[assetId] < amount) {
            throw new IllegalStateException("free balance would go negative: user " + userId + " asset " + assetId);
        }
        free[assetId] -= amount;
    }

    /** Moves {@code amount} from free to locked; the caller has checked {@link #free}. */
    public void lock(int assetId, long amount) {
        debitFree(assetId, amount);
        locked[assetId] += amount;
    }

    public void unlock(int assetId, long amount) {
        debitLocked(assetId, amount);
        free[assetId] += amount;
    }

    public void debitLocked(int assetId, long amount) {
        if (locked[assetId] < amount) {
            throw new IllegalStateException("locked balance would go negative: user " + userId + " asset " + assetId);
        }
        locked[assetId] -= amount;
    }

    /**
     * Marks the asset as changed in command {@code stamp}; true the first time per command, so each changed
     * balance is reported once.
     */
    public boolean touch(int assetId, long stamp) {
        ensureAsset(assetId);
        if (touchedStamp[assetId] == stamp) {
            return false;
        }
        touchedStamp[assetId] = stamp;
        return true;
    }

    public int openOrders(int symbolId) {
        return symbolId < openOrders.length ? openOrders[symbolId] : 0;
    }

    public int openAlgoOrders(int symbolId) {
        return symbolId < openAlgoOrders.length ? openAlgoOrders[symbolId] : 0;
    }

    public void addOpenOrder(int symbolId, int delta) {
        ensureSymbol(symbolId);
        openOrders[symbolId] += delta;
    }

    /** Counts untriggered stop / take-profit orders (MAX_NUM_ALGO_ORDERS). */
    public void addOpenAlgoOrder(int symbolId, int delta) {
        ensureSymbol(symbolId);
        openAlgoOrders[symbolId] += delta;
    }

    /** Order id of the open order with this client id on the symbol, or -1. */
    public long orderIdForClientId(int symbolId, String clientOrderId) {
        if (clientOrderIds == null || symbolId >= clientOrderIds.length || clientOrderIds[symbolId] == null) {
            return NOT_FOUND;
        }
        return clientOrderIds[symbolId].getLong(clientOrderId);
    }

    @SuppressWarnings("unchecked")
    public void putClientId(int symbolId, String clientOrderId, long orderId) {
        if (clientOrderIds == null) {
            clientOrderIds = new Object2LongOpenHashMap[Math.max(4, symbolId + 1)];
        } else if (symbolId >= clientOrderIds.length) {
            clientOrderIds = Arrays.copyOf(clientOrderIds, Math.max(symbolId + 1, clientOrderIds.length * 2));
        }
        if (clientOrderIds[symbolId] == null) {
            clientOrderIds[symbolId] = new Object2LongOpenHashMap<>();
            clientOrderIds[symbolId].defaultReturnValue(NOT_FOUND);
        }
        clientOrderIds[symbolId].put(clientOrderId, orderId);
    }

    public void removeClientId(int symbolId, String clientOrderId) {
        clientOrderIds[symbolId].removeLong(clientOrderId);
    }

    private void ensureAsset(int assetId) {
        if (assetId >= free.length) {
            int n = Math.max(assetId + 1, free.length * 2);
            free = Arrays.copyOf(free, n);
            locked = Arrays.copyOf(locked, n);
            int old = touchedStamp.length;
            touchedStamp = Arrays.copyOf(touchedStamp, n);
            Arrays.fill(touchedStamp, old, n, -1);
        }
    }

    private void ensureSymbol(int symbolId) {
        if (symbolId >= openOrders.length) {
            int n = Math.max(symbolId + 1, openOrders.length * 2);
            openOrders = Arrays.copyOf(openOrders, n);
            openAlgoOrders = Arrays.copyOf(openAlgoOrders, n);
        }
    }
}
