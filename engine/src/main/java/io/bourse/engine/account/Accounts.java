package io.bourse.engine.account;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * All accounts by user id, and the balances the current command touched (reported once each at its end).
 */
public final class Accounts {
    /** User ids below this are also found by index, without hashing (platform ids count up from 1). */
    private static final int DIRECT_LIMIT = 1 << 22;

    private final Long2ObjectOpenHashMap<Account> byUser = new Long2ObjectOpenHashMap<>();
    private Account[] direct = new Account[1024];
    private Account[] touchedAccounts = new Account[64];
    private int[] touchedAssets = new int[64];
    private int touchedCount;
    private long stamp;
    private boolean tracking = true;

    /** The account, or null when the user never had funds. */
    public Account get(long userId) {
        if (userId >= 0 && userId < direct.length) {
            return direct[(int) userId];
        }
        return userId >= 0 && userId < DIRECT_LIMIT ? null : byUser.get(userId);
    }

    public Account getOrCreate(long userId) {
        Account account = get(userId);
        if (account == null) {
            account = new Account(userId);
            byUser.put(userId, account);
            if (userId >= 0 && userId < DIRECT_LIMIT) {
                if (userId >= direct.length) {
                    long size = Math.min(DIRECT_LIMIT, Math.max(userId + 1, direct.length * 2L));
                    direct = Arrays.copyOf(direct, (int) size);
                }
                direct[(int) userId] = account;
            }
        }
        return account;
    }

    public int size() {
        return byUser.size();
    }

    /** Visits every account in ascending user id order (deterministic, for snapshots and hashes). */
    public void forEachSorted(Consumer<Account> visitor) {
        long[] ids = byUser.keySet().toLongArray();
        Arrays.sort(ids);
        for (long id : ids) {
            visitor.accept(byUser.get(id));
        }
    }

    /** Starts a new command: nothing touched yet. */
    public void beginCommand() {
        stamp++;
        touchedCount = 0;
    }

    /** Whether {@link #touch} remembers anything (off while nobody listens to balance reports). */
    public void tracking(boolean on) {
        this.tracking = on;
    }

    /** Remembers that this balance changed in the current command. */
    public void touch(Account account, int assetId) {
        if (tracking && account.touch(assetId, stamp)) {
            if (touchedCount == touchedAccounts.length) {
                touchedAccounts = Arrays.copyOf(touchedAccounts, touchedCount * 2);
                touchedAssets = Arrays.copyOf(touchedAssets, touchedCount * 2);
            }
            touchedAccounts[touchedCount] = account;
            touchedAssets[touchedCount] = assetId;
            touchedCount++;
        }
    }

    public int touchedCount() {
        return touchedCount;
    }

    public Account touchedAccount(int i) {
        return touchedAccounts[i];
    }

    public int touchedAsset(int i) {
        return touchedAssets[i];
    }

    /** Forgets the touched list (keeps no references to accounts between commands). */
    public void endCommand() {
        Arrays.fill(touchedAccounts, 0, touchedCount, null);
        touchedCount = 0;
    }
}
