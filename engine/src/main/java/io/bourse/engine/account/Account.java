package io.bourse.engine.account;

/**
 * A read-only view of one account, as {@link Accounts#forEachSorted} shows it: valid during the visit only.
 */
public final class Account {
    private final long userId;
    private final long[] row;

    Account(long userId, long[] row) {
        this.userId = userId;
        this.row = row;
    }

    public long userId() {
        return userId;
    }

    public int feeTier() {
        return AccountRow.feeTier(row);
    }

    public long free(int assetId) {
        return AccountRow.free(row, assetId);
    }

    public long locked(int assetId) {
        return AccountRow.locked(row, assetId);
    }

    public int openOrders(int symbolId) {
        return AccountRow.openOrders(row, symbolId);
    }
}
