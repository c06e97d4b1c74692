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
    /** An open-order count cell holds open orders in its low 32 bits and open algo orders in its high 32. */
    private static final long ALGO_ONE = 1L << 32;
    private static final long[] EMPTY = {};

    private final long userId;
    /**
     * Everything the matching path reads about the user, in one array sized to what the user has: first
     * {@code assetSlots} asset triples (free, locked, stamp), then one open-order count cell per symbol. Kept in one
     * right-sized array because a command touches a random user's account, and the fewer cache lines an account
     * spans, the more accounts stay in the core's cache.
     */
    private long[] cells = EMPTY;
    private int assetSlots;
    private Object2LongOpenHashMap<String>[] clientOrderIds;
    private int feeTier;

    public Account(long userId) {
        this.userId = userId;
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
        return assetId < assetSlots ? cells[assetId * STRIDE + FREE] : 0;
    }

    public long locked(int assetId) {
        return assetId < assetSlots ? cells[assetId * STRIDE + LOCKED] : 0;
    }

    public void credit(int assetId, long amount) {
        ensureAsset(assetId);
        cells[assetId * STRIDE + FREE] += amount;
    }

    public void debitFree(int assetId, long amount) {
        int i = assetId * STRIDE + FREE;
        if (cells[i] < amount) {
            throw new IllegalStateException("free balance would go negative: user " + userId + " asset " + assetId);
        }
        cells[i] -= amount;
    }

    /** Moves {@code amount} from free to locked; the caller has checked {@link #free}. */
    public void lock(int assetId, long amount) {
        debitFree(assetId, amount);
        cells[assetId * STRIDE + LOCKED] += amount;
    }

    public void unlock(int assetId, long amount) {
        debitLocked(assetId, amount);
        cells[assetId * STRIDE + FREE] += amount;
    }

    public void debitLocked(int assetId, long amount) {
        int i = assetId * STRIDE + LOCKED;
        if (cells[i] < amount) {
            throw new IllegalStateException("locked balance would go negative: user " + userId + " asset " + assetId);
        }
        cells[i] -= amount;
    }

    /**
     * Marks the asset as changed in command {@code stamp}; true the first time per command, so each changed
     * balance is reported once. Call it after changing the balance (which gives the asset its slot).
     */
    public boolean touch(int assetId, long stamp) {
        int i = assetId * STRIDE + STAMP;
        if (cells[i] == stamp) {
            return false;
        }
        cells[i] = stamp;
        return true;
    }

    public int openOrders(int symbolId) {
        int i = countCell(symbolId);
        return i < cells.length ? (int) cells[i] : 0;
    }

    public int openAlgoOrders(int symbolId) {
        int i = countCell(symbolId);
        return i < cells.length ? (int) (cells[i] >>> 32) : 0;
    }

    public void addOpenOrder(int symbolId, int delta) {
        int i = ensureSymbol(symbolId);
        cells[i] += delta;
    }

    /** Counts untriggered stop / take-profit orders (MAX_NUM_ALGO_ORDERS). */
    public void addOpenAlgoOrder(int symbolId, int delta) {
        int i = ensureSymbol(symbolId);
        cells[i] += delta * ALGO_ONE;
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

    private int countCell(int symbolId) {
        return assetSlots * STRIDE + symbolId;
    }

    /** Gives assets up to {@code assetId} their slots (new ones never touched), moving the count cells up. */
    private void ensureAsset(int assetId) {
        if (assetId < assetSlots) {
            return;
        }
        int oldSlots = assetSlots;
        int counts = cells.length - oldSlots * STRIDE;
        long[] grown = new long[(assetId + 1) * STRIDE + counts];
        System.arraycopy(cells, 0, grown, 0, oldSlots * STRIDE);
        System.arraycopy(cells, oldSlots * STRIDE, grown, (assetId + 1) * STRIDE, counts);
        for (int i = oldSlots * STRIDE + STAMP; i < (assetId + 1) * STRIDE; i += STRIDE) {
            grown[i] = -1;
        }
        cells = grown;
        assetSlots = assetId + 1;
    }

    /** The count cell of the symbol, created (zero) if missing. */
    private int ensureSymbol(int symbolId) {
        int i = countCell(symbolId);
        if (i >= cells.length) {
            cells = Arrays.copyOf(cells, i + 1);
        }
        return i;
    }
}
