package io.bourse.engine.account;

/**
 * The layout of an account row and the operations on it. A row is one {@code long[]} holding everything the
 * matching path reads or writes about a user:
 *
 * <pre>
 * [FEE_TIER] [ASSET_SLOTS] [free, locked, stamp] per asset id below ASSET_SLOTS [open-order cell] per symbol id
 * </pre>
 *
 * An open-order cell holds the user's open orders on the symbol in its low 32 bits and open algo (untriggered
 * stop / take-profit) orders in its high 32. The stamp is the command that last touched the balance (see
 * {@link #touch}).
 *
 * <p>Why a bare array: every command touches a random user, so the cost of reaching a user's balances is a cache
 * miss per hop. A row is one hop from the user id (an account object holding an array was two); on the standard
 * workload that alone took the engine from ~5 to ~7.5 M commands/s (docs/benchmarks.md).
 *
 * <p>No operation checks for overflow: the engine caps each asset's total supply at {@link Long#MAX_VALUE} and
 * every balance is a non-negative part of it. Operations that would make a balance negative, or that address a
 * balance the row has no slot for, are engine bugs and fail loudly. Only {@link Accounts} grows a row (by replacing
 * it); code that holds a row must not cross an operation that may grow it.
 */
public final class AccountRow {
    static final int FEE_TIER = 0;
    static final int ASSET_SLOTS = 1;
    static final int HEADER = 2;
    static final int STRIDE = 3;
    private static final int FREE = 0;
    private static final int LOCKED = 1;
    private static final int STAMP = 2;
    private static final long ALGO_ONE = 1L << 32;

    private AccountRow() {
    }

    /** A row with no asset slots and no symbol cells. */
    static long[] empty() {
        return new long[HEADER];
    }

    public static int feeTier(long[] row) {
        return (int) row[FEE_TIER];
    }

    static int assetSlots(long[] row) {
        return (int) row[ASSET_SLOTS];
    }

    static int symbolCells(long[] row) {
        return row.length - HEADER - assetSlots(row) * STRIDE;
    }

    /** Whether the row has slots for both assets and the symbol's open-order cell. */
    public static boolean canTrade(long[] row, int baseAssetId, int quoteAssetId, int symbolId) {
        int slots = assetSlots(row);
        return baseAssetId < slots && quoteAssetId < slots && symbolId < row.length - HEADER - slots * STRIDE;
    }

    public static boolean hasAsset(long[] row, int assetId) {
        return assetId < row[ASSET_SLOTS];
    }

    public static long free(long[] row, int assetId) {
        return hasAsset(row, assetId) ? row[HEADER + assetId * STRIDE + FREE] : 0;
    }

    public static long locked(long[] row, int assetId) {
        return hasAsset(row, assetId) ? row[HEADER + assetId * STRIDE + LOCKED] : 0;
    }

    /** Adds to the free balance; the row must have the asset's slot (see {@link Accounts#credit}). */
    public static void credit(long[] row, int assetId, long amount) {
        row[slot(row, assetId) + FREE] += amount;
    }

    public static void debitFree(long[] row, int assetId, long amount) {
        take(row, slot(row, assetId) + FREE, amount, "free", assetId);
    }

    /** Moves {@code amount} from free to locked; the caller has checked {@link #free}. */
    public static void lock(long[] row, int assetId, long amount) {
        debitFree(row, assetId, amount);
        row[slot(row, assetId) + LOCKED] += amount;
    }

    public static void unlock(long[] row, int assetId, long amount) {
        debitLocked(row, assetId, amount);
        row[slot(row, assetId) + FREE] += amount;
    }

    public static void debitLocked(long[] row, int assetId, long amount) {
        take(row, slot(row, assetId) + LOCKED, amount, "locked", assetId);
    }

    private static void take(long[] row, int i, long amount, String balance, int assetId) {
        if (row[i] < amount) {
            throw new IllegalStateException(balance + " balance would go negative: asset " + assetId);
        }
        row[i] -= amount;
    }

    /** Marks the balance as changed in command {@code stamp}; true the first time per command. */
    static boolean touch(long[] row, int assetId, long stamp) {
        int i = slot(row, assetId) + STAMP;
        if (row[i] == stamp) {
            return false;
        }
        row[i] = stamp;
        return true;
    }

    public static int openOrders(long[] row, int symbolId) {
        int i = countCell(row, symbolId);
        return i < row.length ? (int) row[i] : 0;
    }

    public static int openAlgoOrders(long[] row, int symbolId) {
        int i = countCell(row, symbolId);
        return i < row.length ? (int) (row[i] >>> 32) : 0;
    }

    /** The row must have the symbol's cell (see {@link Accounts#prepare}). */
    public static void addOpenOrder(long[] row, int symbolId, int delta) {
        row[countCell(row, symbolId)] += delta;
    }

    /** Counts untriggered stop / take-profit orders (MAX_NUM_ALGO_ORDERS). */
    public static void addOpenAlgoOrder(long[] row, int symbolId, int delta) {
        row[countCell(row, symbolId)] += delta * ALGO_ONE;
    }

    static int countCell(long[] row, int symbolId) {
        return HEADER + assetSlots(row) * STRIDE + symbolId;
    }

    private static int slot(long[] row, int assetId) {
        if (!hasAsset(row, assetId)) {
            throw new IllegalStateException("account row has no slot for asset " + assetId);
        }
        return HEADER + assetId * STRIDE;
    }

    /**
     * A copy of the row with slots for assets below {@code assetSlots} and cells for symbols below
     * {@code symbolCells} (never fewer than it has); new balance slots are untouched (stamp -1).
     */
    static long[] grown(long[] row, int assetSlots, int symbolCells) {
        int oldSlots = assetSlots(row);
        int oldCells = symbolCells(row);
        int slots = Math.max(oldSlots, assetSlots);
        int cells = Math.max(oldCells, symbolCells);
        long[] out = new long[HEADER + slots * STRIDE + cells];
        System.arraycopy(row, 0, out, 0, HEADER + oldSlots * STRIDE);
        System.arraycopy(row, HEADER + oldSlots * STRIDE, out, HEADER + slots * STRIDE, oldCells);
        for (int i = HEADER + oldSlots * STRIDE + STAMP; i < HEADER + slots * STRIDE; i += STRIDE) {
            out[i] = -1;
        }
        out[ASSET_SLOTS] = slots;
        return out;
    }
}
