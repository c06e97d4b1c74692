package io.bourse.engine.account;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * All accounts: each user's {@link AccountRow} by user id, client order ids, and the balances the current command
 * touched (reported once each at its end). The only place rows are created or grown.
 */
public final class Accounts {
    /** User ids below this are also found by index, without hashing (platform ids count up from 1). */
    private static final int DIRECT_LIMIT = 1 << 22;
    private static final long NOT_FOUND = -1L;

    private final Long2ObjectOpenHashMap<long[]> byUser = new Long2ObjectOpenHashMap<>();
    private long[][] direct = new long[1024][];
    /** Per user, per symbol: open orders by client order id (only users who ever gave one). */
    private final Long2ObjectOpenHashMap<Object2LongOpenHashMap<String>[]> clientIds = new Long2ObjectOpenHashMap<>();
    private long[] touchedUsers = new long[64];
    private int[] touchedAssets = new int[64];
    private int touchedCount;
    private long stamp;
    private boolean tracking = true;

    /** The user's row, or null when the user never had an account. */
    public long[] row(long userId) {
        if (userId >= 0 && userId < direct.length) {
            return direct[(int) userId];
        }
        return userId >= 0 && userId < DIRECT_LIMIT ? null : byUser.get(userId);
    }

    public long[] rowOrCreate(long userId) {
        long[] row = row(userId);
        return row != null ? row : store(userId, AccountRow.empty());
    }

    /** Adds to the user's free balance, creating the account and the asset's slot if needed. */
    public long[] credit(long userId, int assetId, long amount) {
        long[] row = withSlots(userId, assetId + 1, 0);
        AccountRow.credit(row, assetId, amount);
        return row;
    }

    public void feeTier(long userId, int tier) {
        rowOrCreate(userId)[AccountRow.FEE_TIER] = tier;
    }

    /**
     * Makes the user's row ready to trade on a market: slots for both assets and the symbol's open-order cell
     * (creating the account if needed). Rows only grow, so matching on that market never needs to grow it.
     *
     * @return the user's row, which may be a new array
     */
    public long[] prepare(long userId, int baseAssetId, int quoteAssetId, int symbolId) {
        return withSlots(userId, Math.max(baseAssetId, quoteAssetId) + 1, symbolId + 1);
    }

    private long[] withSlots(long userId, int assetSlots, int symbolCells) {
        long[] row = rowOrCreate(userId);
        if (AccountRow.assetSlots(row) >= assetSlots && AccountRow.symbolCells(row) >= symbolCells) {
            return row;
        }
        return store(userId, AccountRow.grown(row, assetSlots, symbolCells));
    }

    private long[] store(long userId, long[] row) {
        byUser.put(userId, row);
        if (userId >= 0 && userId < DIRECT_LIMIT) {
            if (userId >= direct.length) {
                long size = Math.min(DIRECT_LIMIT, Math.max(userId + 1, direct.length * 2L));
                direct = Arrays.copyOf(direct, (int) size);
            }
            direct[(int) userId] = row;
        }
        return row;
    }

    public int size() {
        return byUser.size();
    }

    /** Visits every account in ascending user id order (deterministic, for snapshots and hashes). */
    public void forEachSorted(Consumer<Account> visitor) {
        long[] ids = byUser.keySet().toLongArray();
        Arrays.sort(ids);
        for (long id : ids) {
            visitor.accept(new Account(id, byUser.get(id)));
        }
    }

    // ------------------------------------------------------------------ client order ids

    /** Order id of the user's open order with this client id on the symbol, or -1. */
    public long orderIdForClientId(long userId, int symbolId, String clientOrderId) {
        Object2LongOpenHashMap<String>[] bySymbol = clientIds.get(userId);
        if (bySymbol == null || symbolId >= bySymbol.length || bySymbol[symbolId] == null) {
            return NOT_FOUND;
        }
        return bySymbol[symbolId].getLong(clientOrderId);
    }

    @SuppressWarnings("unchecked")
    public void putClientId(long userId, int symbolId, String clientOrderId, long orderId) {
        Object2LongOpenHashMap<String>[] bySymbol = clientIds.get(userId);
        if (bySymbol == null || symbolId >= bySymbol.length) {
            Object2LongOpenHashMap<String>[] grown = new Object2LongOpenHashMap[Math.max(4, symbolId + 1)];
            if (bySymbol != null) {
                System.arraycopy(bySymbol, 0, grown, 0, bySymbol.length);
            }
            bySymbol = grown;
            clientIds.put(userId, bySymbol);
        }
        if (bySymbol[symbolId] == null) {
            bySymbol[symbolId] = new Object2LongOpenHashMap<>();
            bySymbol[symbolId].defaultReturnValue(NOT_FOUND);
        }
        bySymbol[symbolId].put(clientOrderId, orderId);
    }

    public void removeClientId(long userId, int symbolId, String clientOrderId) {
        clientIds.get(userId)[symbolId].removeLong(clientOrderId);
    }

    // ------------------------------------------------------------------ balance reports

    /** Starts a new command: nothing touched yet. */
    public void beginCommand() {
        stamp++;
        touchedCount = 0;
    }

    /** Whether {@link #touch} remembers anything (off while nobody listens to balance reports). */
    public void tracking(boolean on) {
        this.tracking = on;
    }

    /** Remembers that this balance of the user (whose row is {@code row}) changed in the current command. */
    public void touch(long userId, long[] row, int assetId) {
        if (tracking && AccountRow.touch(row, assetId, stamp)) {
            if (touchedCount == touchedUsers.length) {
                touchedUsers = Arrays.copyOf(touchedUsers, touchedCount * 2);
                touchedAssets = Arrays.copyOf(touchedAssets, touchedCount * 2);
            }
            touchedUsers[touchedCount] = userId;
            touchedAssets[touchedCount] = assetId;
            touchedCount++;
        }
    }

    public int touchedCount() {
        return touchedCount;
    }

    public long touchedUser(int i) {
        return touchedUsers[i];
    }

    public int touchedAsset(int i) {
        return touchedAssets[i];
    }

    /** Forgets the touched list. */
    public void endCommand() {
        touchedCount = 0;
    }
}
