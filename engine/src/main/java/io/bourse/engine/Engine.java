package io.bourse.engine;

import io.bourse.engine.account.Account;
import io.bourse.engine.account.AccountRow;
import io.bourse.engine.account.Accounts;
import io.bourse.engine.account.FeeSchedule;
import io.bourse.engine.book.MatchingEngine;
import io.bourse.engine.book.OrderView;
import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.command.SetSymbolStatus;
import io.bourse.engine.command.SetUserFeeTier;
import io.bourse.engine.command.TestOrder;
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.command.WithdrawRelease;
import io.bourse.engine.command.WithdrawSettle;
import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.engine.snapshot.Snapshots;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The exchange as a pure, deterministic state machine: {@link #apply} one sequenced command, and the
 * {@link EngineListener} hears every resulting event. Single-threaded; no I/O, clock, randomness or floating
 * point: the same commands give the same events and the same {@link #stateHash()} on any machine.
 *
 * <p>Money is exact: every amount is a {@code long} count of an asset's smallest unit. Each asset's total supply
 * (deposits minus settled withdrawals) is capped at {@link Long#MAX_VALUE}; a deposit beyond it is refused, so no
 * balance can overflow. After every command, for every asset, the free and locked balances of all accounts
 * (users and the fee account) add up to that supply.
 *
 * <p><b>Note:</b> client mistakes are rejections, never exceptions. An exception out of {@link #apply} means an
 * engine bug broke an invariant mid-command: the state is then undefined, and the process must stop and recover
 * from its snapshot and journal.
 */
public final class Engine {
    public static final int MAX_FEE_TIERS = 1024;

    private final EngineListener listener;
    private final long feeAccountId;
    private final List<AssetSpec> assets = new ArrayList<>();
    private final FeeSchedule fees = new FeeSchedule();
    private final Long2ObjectOpenHashMap<WithdrawalHold> holds = new Long2ObjectOpenHashMap<>();
    /** References of deposits credited so far (non-zero ones), so each is credited exactly once. */
    private final LongOpenHashSet creditedDeposits = new LongOpenHashSet();
    private long[] supply = new long[8];
    private Accounts accounts = new Accounts();
    private MatchingEngine matching;
    private long lastSequence = -1;
    private long lastTimestampMs;

    /** A withdrawal's funds, locked until it settles or is released. */
    public record WithdrawalHold(long withdrawalId, long userId, int assetId, long amount) {
    }

    public Engine(EngineListener listener) {
        this(listener, 0L);
    }

    /** @param feeAccountId the account fees are credited to */
    public Engine(EngineListener listener, long feeAccountId) {
        this.listener = listener;
        this.feeAccountId = feeAccountId;
        this.matching = new MatchingEngine(accounts, fees, feeAccountId, listener);
    }

    /**
     * Applies one command. {@code sequence} must increase from command to command; {@code timestampMs} is the
     * command's time, stamped by the sequencer (the engine never reads a clock).
     *
     * @return {@link RejectReason#NONE} or why the command was refused (also told to the listener)
     */
    public RejectReason apply(long sequence, long timestampMs, Command command) {
        if (sequence <= lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " after " + lastSequence);
        }
        accounts.beginCommand();
        matching.setTime(timestampMs);
        RejectReason r = switch (command) {
            case PlaceOrder c -> matching.place(c);
            case CancelOrder c -> matching.cancel(c);
            case MoveOrder c -> matching.move(c);
            case AmendOrder c -> matching.amend(c);
            case CancelReplace c -> matching.cancelReplace(c);
            case CancelAllOrders c -> matching.cancelAll(c);
            case PlaceOco c -> matching.placeOco(c);
            case TestOrder c -> matching.test(c.order());
            case Deposit c -> deposit(c);
            case WithdrawHold c -> withdrawHold(c);
            case WithdrawSettle c -> withdrawSettle(c);
            case WithdrawRelease c -> withdrawRelease(c);
            case AddAsset c -> addAsset(c);
            case AddSymbol c -> addSymbol(c);
            case SetSymbolStatus c -> setSymbolStatus(c);
            case SetFeeTier c -> setFeeTier(c);
            case SetUserFeeTier c -> setUserFeeTier(c);
        };
        if (r != RejectReason.NONE) {
            listener.onRejected(r);
        }
        for (int i = 0; i < accounts.touchedCount(); i++) {
            long userId = accounts.touchedUser(i);
            long[] row = accounts.row(userId);
            int asset = accounts.touchedAsset(i);
            listener.onBalance(userId, asset, AccountRow.free(row, asset), AccountRow.locked(row, asset));
        }
        accounts.endCommand();
        lastSequence = sequence;
        lastTimestampMs = timestampMs;
        return r;
    }

    // ------------------------------------------------------------------ funds

    private RejectReason deposit(Deposit c) {
        if (!assetExists(c.assetId())) {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (c.amount() <= 0) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (c.referenceId() != 0 && creditedDeposits.contains(c.referenceId())) {
            return RejectReason.DUPLICATE_DEPOSIT;
        }
        if (c.amount() > Long.MAX_VALUE - supply[c.assetId()]) {
            return RejectReason.BALANCE_OVERFLOW;
        }
        if (c.referenceId() != 0) {
            creditedDeposits.add(c.referenceId());
        }
        supply[c.assetId()] += c.amount();
        long[] row = accounts.credit(c.userId(), c.assetId(), c.amount());
        accounts.touch(c.userId(), row, c.assetId());
        listener.onFundsMoved(c.userId(), c.assetId(), c.amount(), FundsMovement.DEPOSIT, c.referenceId());
        return RejectReason.NONE;
    }

    private RejectReason withdrawHold(WithdrawHold c) {
        if (!assetExists(c.assetId())) {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (c.amount() <= 0) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (holds.containsKey(c.withdrawalId())) {
            return RejectReason.DUPLICATE_WITHDRAWAL;
        }
        long[] row = accounts.row(c.userId());
        if (row == null || AccountRow.free(row, c.assetId()) < c.amount()) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        AccountRow.lock(row, c.assetId(), c.amount());
        accounts.touch(c.userId(), row, c.assetId());
        holds.put(c.withdrawalId(), new WithdrawalHold(c.withdrawalId(), c.userId(), c.assetId(), c.amount()));
        listener.onFundsMoved(c.userId(), c.assetId(), -c.amount(), FundsMovement.WITHDRAW_HOLD, c.withdrawalId());
        return RejectReason.NONE;
    }

    private RejectReason withdrawSettle(WithdrawSettle c) {
        WithdrawalHold h = holds.remove(c.withdrawalId());
        if (h == null) {
            return RejectReason.UNKNOWN_WITHDRAWAL;
        }
        long[] row = accounts.row(h.userId());
        AccountRow.debitLocked(row, h.assetId(), h.amount());
        supply[h.assetId()] -= h.amount();
        accounts.touch(h.userId(), row, h.assetId());
        listener.onFundsMoved(h.userId(), h.assetId(), -h.amount(), FundsMovement.WITHDRAW_SETTLE, h.withdrawalId());
        return RejectReason.NONE;
    }

    private RejectReason withdrawRelease(WithdrawRelease c) {
        WithdrawalHold h = holds.remove(c.withdrawalId());
        if (h == null) {
            return RejectReason.UNKNOWN_WITHDRAWAL;
        }
        long[] row = accounts.row(h.userId());
        AccountRow.unlock(row, h.assetId(), h.amount());
        accounts.touch(h.userId(), row, h.assetId());
        listener.onFundsMoved(h.userId(), h.assetId(), h.amount(), FundsMovement.WITHDRAW_RELEASE, h.withdrawalId());
        return RejectReason.NONE;
    }

    // ------------------------------------------------------------------ listing and fees

    private RejectReason addAsset(AddAsset c) {
        if (c.name() == null || c.name().isBlank() || c.scale() < 0 || c.scale() > AssetSpec.MAX_SCALE) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (assets.stream().anyMatch(a -> a.name().equals(c.name()))) {
            return RejectReason.DUPLICATE_ASSET;
        }
        AssetSpec spec = new AssetSpec(assets.size(), c.name(), c.scale());
        assets.add(spec);
        if (supply.length < assets.size()) {
            supply = Arrays.copyOf(supply, assets.size() * 2);
        }
        listener.onAssetAdded(spec);
        return RejectReason.NONE;
    }

    private RejectReason addSymbol(AddSymbol c) {
        SymbolSpec spec = c.spec().withId(matching.marketCount());
        for (int i = 0; i < matching.marketCount(); i++) {
            if (matching.spec(i).name().equals(spec.name())) {
                return RejectReason.DUPLICATE_SYMBOL;
            }
        }
        long quotePerLotTick = SymbolRules.quotePerLotTick(spec, assets);
        if (quotePerLotTick <= 0) {
            return RejectReason.INVALID_SYMBOL_SPEC;
        }
        matching.addMarket(spec, quotePerLotTick);
        listener.onSymbolUpdated(spec);
        return RejectReason.NONE;
    }

    private RejectReason setSymbolStatus(SetSymbolStatus c) {
        SymbolSpec spec = matching.spec(c.symbolId());
        if (spec == null) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        if (c.status() == null) {
            return RejectReason.INVALID_SYMBOL_SPEC;
        }
        SymbolSpec updated = spec.withStatus(c.status());
        matching.setSpec(updated);
        listener.onSymbolUpdated(updated);
        return RejectReason.NONE;
    }

    private RejectReason setFeeTier(SetFeeTier c) {
        if (c.tier() < 0 || c.tier() >= MAX_FEE_TIERS || c.makerRate() < 0 || c.makerRate() > Rates.ONE
                || c.takerRate() < 0 || c.takerRate() > Rates.ONE) {
            return RejectReason.INVALID_AMOUNT;
        }
        fees.set(c.tier(), c.makerRate(), c.takerRate());
        listener.onFeeTier(c.tier(), c.makerRate(), c.takerRate());
        return RejectReason.NONE;
    }

    private RejectReason setUserFeeTier(SetUserFeeTier c) {
        if (c.tier() < 0 || c.tier() >= MAX_FEE_TIERS) {
            return RejectReason.INVALID_AMOUNT;
        }
        accounts.feeTier(c.userId(), c.tier());
        listener.onUserFeeTier(c.userId(), c.tier());
        return RejectReason.NONE;
    }

    private boolean assetExists(int assetId) {
        return assetId >= 0 && assetId < assets.size();
    }

    // ------------------------------------------------------------------ queries

    /**
     * Whether the engine tells its listener every changed balance at the end of each command (on by default). A
     * replay that only rebuilds state turns it off to save the bookkeeping; state and other events are the same.
     */
    public void reportBalances(boolean on) {
        accounts.tracking(on);
    }

    public long lastSequence() {
        return lastSequence;
    }

    public long lastTimestampMs() {
        return lastTimestampMs;
    }

    public long feeAccountId() {
        return feeAccountId;
    }

    public List<AssetSpec> assets() {
        return List.copyOf(assets);
    }

    /** The symbols' specs, by id. */
    public List<SymbolSpec> symbols() {
        List<SymbolSpec> list = new ArrayList<>();
        for (int i = 0; i < matching.marketCount(); i++) {
            list.add(matching.spec(i));
        }
        return list;
    }

    /** Deposits minus settled withdrawals of the asset. */
    public long supply(int assetId) {
        return supply[assetId];
    }

    public long free(long userId, int assetId) {
        long[] row = accounts.row(userId);
        return row == null ? 0 : AccountRow.free(row, assetId);
    }

    public long locked(long userId, int assetId) {
        long[] row = accounts.row(userId);
        return row == null ? 0 : AccountRow.locked(row, assetId);
    }

    public void forEachAccount(Consumer<Account> visitor) {
        accounts.forEachSorted(visitor);
    }

    public void forEachHold(Consumer<WithdrawalHold> visitor) {
        holds.values().forEach(visitor);
    }

    /** The order books and open orders (read-only use outside the engine thread is not safe). */
    public MatchingEngine books() {
        return matching;
    }

    public OrderView order(long orderId) {
        return matching.order(orderId);
    }

    public long feeRate(int tier, boolean maker) {
        return fees.rate(tier, maker);
    }

    // ------------------------------------------------------------------ snapshot

    /** A hash of the complete state (books, balances, ids, counters): equal states give equal hashes. */
    public String stateHash() {
        return Snapshots.hash(this);
    }

    /** Writes the complete state; {@link #restore} reads it back. The layout is canonical (sorted). */
    public void writeSnapshot(DataOutput out) throws IOException {
        out.writeInt(Snapshots.FORMAT_VERSION);
        out.writeLong(lastSequence);
        out.writeLong(lastTimestampMs);
        out.writeLong(feeAccountId);
        out.writeInt(assets.size());
        for (AssetSpec a : assets) {
            out.writeUTF(a.name());
            out.writeInt(a.scale());
            out.writeLong(supply[a.id()]);
        }
        out.writeInt(fees.tiers());
        for (int t = 0; t < fees.tiers(); t++) {
            out.writeLong(fees.makerRate(t));
            out.writeLong(fees.takerRate(t));
        }
        out.writeInt(matching.marketCount());
        for (int i = 0; i < matching.marketCount(); i++) {
            Snapshots.writeSymbol(out, matching.spec(i));
        }
        out.writeInt(accounts.size());
        IOException[] failure = new IOException[1];
        accounts.forEachSorted(a -> {
            try {
                out.writeLong(a.userId());
                out.writeInt(a.feeTier());
                for (int asset = 0; asset < assets.size(); asset++) {
                    out.writeLong(a.free(asset));
                    out.writeLong(a.locked(asset));
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        long[] holdIds = holds.keySet().toLongArray();
        Arrays.sort(holdIds);
        out.writeInt(holdIds.length);
        for (long id : holdIds) {
            WithdrawalHold h = holds.get(id);
            out.writeLong(h.withdrawalId());
            out.writeLong(h.userId());
            out.writeInt(h.assetId());
            out.writeLong(h.amount());
        }
        long[] credited = creditedDeposits.toLongArray();
        Arrays.sort(credited);
        out.writeInt(credited.length);
        for (long ref : credited) {
            out.writeLong(ref);
        }
        matching.writeTo(out);
    }

    /** Rebuilds an engine from {@link #writeSnapshot}'s output; it continues exactly as the original would. */
    public static Engine restore(DataInput in, EngineListener listener) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > Snapshots.FORMAT_VERSION) {
            throw new IOException("unsupported snapshot format " + version);
        }
        long sequence = in.readLong();
        long timestampMs = in.readLong();
        Engine e = new Engine(listener, in.readLong());
        e.lastSequence = sequence;
        e.lastTimestampMs = timestampMs;
        int assetCount = in.readInt();
        e.supply = new long[Math.max(8, assetCount)];
        for (int i = 0; i < assetCount; i++) {
            e.assets.add(new AssetSpec(i, in.readUTF(), in.readInt()));
            e.supply[i] = in.readLong();
        }
        int tiers = in.readInt();
        for (int t = 0; t < tiers; t++) {
            e.fees.set(t, in.readLong(), in.readLong());
        }
        List<SymbolSpec> specs = new ArrayList<>();
        int symbolCount = in.readInt();
        for (int i = 0; i < symbolCount; i++) {
            specs.add(Snapshots.readSymbol(in, i));
        }
        int accountCount = in.readInt();
        for (int i = 0; i < accountCount; i++) {
            long userId = in.readLong();
            e.accounts.feeTier(userId, in.readInt());
            for (int asset = 0; asset < assetCount; asset++) {
                long free = in.readLong();
                long locked = in.readLong();
                long[] row = e.accounts.credit(userId, asset, free + locked);
                AccountRow.lock(row, asset, locked);
            }
        }
        int holdCount = in.readInt();
        for (int i = 0; i < holdCount; i++) {
            WithdrawalHold h = new WithdrawalHold(in.readLong(), in.readLong(), in.readInt(), in.readLong());
            e.holds.put(h.withdrawalId(), h);
        }
        int creditedCount = version >= 2 ? in.readInt() : 0;
        for (int i = 0; i < creditedCount; i++) {
            e.creditedDeposits.add(in.readLong());
        }
        e.matching = new MatchingEngine(e.accounts, e.fees, e.feeAccountId, listener);
        for (SymbolSpec spec : specs) {
            e.matching.addMarket(spec, SymbolRules.quotePerLotTick(spec, e.assets));
        }
        e.matching.readFrom(in, version);
        return e;
    }
}
