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
    /** Per asset, three longs side by side: free, locked, and the command that last touched it. */
    private static final int FREE = 0;
    private static final int LOCKED = 1;
    private static final int STAMP = 2;
    private static final int STRIDE = 3;

    private final long userId;
    private long[] assets = new long[4 * STRIDE];
    /** Per symbol: open orders, open algo orders. */
    private int[] orderCounts = new int[8];
    private Object2LongOpenHashMap<String>[] clientOrderIds;
    private int feeTier;

    public Account(long userId) {
        this.userId = userId;
        for (int i = STAMP; i < assets.length; i += STRIDE) {
            assets[i] = -1;
        }
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
        int i = assetId * STRIDE;
        return i < assets.length ? assets[i + FREE] : 0;
    }

    public long locked(int assetId) {
        int i = assetId * STRIDE;
        return i < assets.length ? assets[i + LOCKED] : 0;
    }

    public void credit(int assetId, long amount) {
        ensureAsset(assetId);
        assets[assetId * STRIDE + FREE] += amount;
    }

    public void debitFree(int assetId, long amount) {
        int i = assetId * STRIDE + FREE;
        if (assets[i] < amount) {
            throw new IllegalStateException("free balance would go negative: user " + userId + " asset " + assetId);
        }
        assets[i] -= amount;
    }

    /** Moves {@code amount} from free to locked; the caller has checked {@link #free}. */
    public void lock(int assetId, long amount) {
        debitFree(assetId, amount);
        assets[assetId * STRIDE + LOCKED] += amount;
    }

    public void unlock(int assetId, long amount) {
        debitLocked(assetId, amount);
        assets[assetId * STRIDE + FREE] += amount;
    }

    public void debitLocked(int assetId, long amount) {
        int i = assetId * STRIDE + LOCKED;
        if (assets[i] < amount) {
            throw new IllegalStateException("locked balance would go negative: user " + userId + " asset " + assetId);
        }
        assets[i] -= amount;
    }

    /**
     * Marks the asset as changed in command {@code stamp}; true the first time per command, so each changed
     * balance is reported once. Call it after changing the balance (which gives the asset its slot).
     */
    public boolean touch(int assetId, long stamp) {
        int i = assetId * STRIDE + STAMP;
        if (assets[i] == stamp) {
            return false;
        }
        assets[i] = stamp;
        return true;
    }

    public int openOrders(int symbolId) {
        int i = symbolId * 2;
        return i < orderCounts.length ? orderCounts[i] : 0;
    }

    public int openAlgoOrders(int symbolId) {
        int i = symbolId * 2 + 1;
        return i < orderCounts.length ? orderCounts[i] : 0;
    }

    public void addOpenOrder(int symbolId, int delta) {
        ensureSymbol(symbolId);
        orderCounts[symbolId * 2] += delta;
    }

    /** Counts untriggered stop / take-profit orders (MAX_NUM_ALGO_ORDERS). */
    public void addOpenAlgoOrder(int symbolId, int delta) {
        ensureSymbol(symbolId);
        orderCounts[symbolId * 2 + 1] += delta;
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
        int needed = (assetId + 1) * STRIDE;
        if (needed > assets.length) {
            int old = assets.length;
            assets = Arrays.copyOf(assets, Math.max(needed, old * 2));
            for (int i = old + STAMP; i < assets.length; i += STRIDE) {
                assets[i] = -1;
            }
        }
    }

    private void ensureSymbol(int symbolId) {
        if (symbolId * 2 + 2 > orderCounts.length) {
            orderCounts = Arrays.copyOf(orderCounts, Math.max(symbolId * 2 + 2, orderCounts.length * 2));
        }
    }
}
