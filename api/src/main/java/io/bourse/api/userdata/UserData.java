package io.bourse.api.userdata;

import io.bourse.engine.Engine;
import io.bourse.engine.ExecType;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.history.OrderAmendment;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.pipeline.EventConsumer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user-data reader: each user's balances, open orders, recently closed orders and fills, followed from the
 * engine's events, for the account and order queries. Starts from the recovered engine (balances, open orders,
 * fee tiers); closed orders and fills from before a restart come from the history store once it exists.
 */
public final class UserData implements EventConsumer {
    private final ConcurrentHashMap<Long, UserState> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, long[]> feeTiers = new ConcurrentHashMap<>();
    private volatile List<SymbolSpec> symbols = List.of();
    private volatile long lastSequence;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Up to which sequence the history store has committed every command (-1: no store). */
    private volatile java.util.function.LongSupplier storedUpTo = () -> -1;
    private final java.util.function.LongSupplier storedUpToNow = () -> storedUpTo.getAsLong();

    /** Hears every command's events after they were applied here, on the user-data thread. */
    public interface Listener {
        /** The events of one command (which the command was: for what its events do not say). */
        void onEvents(long sequence, long timestampMs, Command command, List<EngineEvent> events);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Tells the reader how far the history store has committed, so that what is stored there is not also held
     * here past each user's newest few (see {@link UserState}). Call before the exchange starts.
     */
    public void storedUpTo(java.util.function.LongSupplier committedSequence) {
        this.storedUpTo = committedSequence;
    }

    /** Symbols as this reader knows them (listing order = engine id). */
    public List<SymbolSpec> symbols() {
        return symbols;
    }

    @Override
    public String name() {
        return "user-data";
    }

    @Override
    public long lastAppliedSequence() {
        return FROM_NOW;
    }

    /** The sequence of the last command this reader has applied. */
    public long lastSequence() {
        return lastSequence;
    }

    /** The user's state (empty for a user the engine has not seen). */
    public UserState user(long userId) {
        UserState known = users.get(userId);   // computeIfAbsent may lock the bin even when the key is there
        return known != null ? known : users.computeIfAbsent(userId, id -> new UserState(id, storedUpToNow));
    }

    /** Maker and taker rates ({@link io.bourse.engine.market.Rates}) of a fee tier; 0 for an undefined tier. */
    public long[] feeRates(int tier) {
        return feeTiers.getOrDefault(tier, new long[2]);
    }

    @Override
    public void startFrom(Engine engine) {
        symbols = engine.symbols();
        int assets = engine.assets().size();
        engine.forEachAccount(a -> {
            UserState u = user(a.userId());
            for (int asset = 0; asset < assets; asset++) {
                u.balance(asset, a.free(asset), a.locked(asset), engine.lastTimestampMs());
            }
            u.feeTier(a.feeTier());
            feeTiers.computeIfAbsent(a.feeTier(), t -> new long[]{engine.feeRate(t, true), engine.feeRate(t, false)});
        });
        feeTiers.computeIfAbsent(0, t -> new long[]{engine.feeRate(t, true), engine.feeRate(t, false)});
        engine.books().forEachOpenOrder(o -> user(o.userId()).order(OrderState.of(o), engine.lastSequence()));
        lastSequence = engine.lastSequence();
    }

    @Override
    public void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
        if (events.count() > 0) {
            List<EngineEvent> decoded = events.decode();
            apply(decoded, sequence, timestampMs, command instanceof AmendOrder);
            for (Listener l : listeners) {
                l.onEvents(sequence, timestampMs, command, decoded);
            }
        }
        lastSequence = sequence;
    }

    private void apply(List<EngineEvent> events, long sequence, long timestampMs, boolean amend) {
        for (EngineEvent e : events) {
            switch (e) {
                case EngineEvent.OrderUpdated u -> {
                    UserState user = user(u.order().userId());
                    OrderState before = amend && u.execType() == ExecType.REPLACED ? user.order(u.order().orderId())
                            : null;
                    if (before != null) {
                        user.amended(OrderAmendment.of(before, u.order(), sequence, timestampMs));
                    }
                    user.order(u.order(), sequence);
                }
                case EngineEvent.TradeExecuted t -> trade(t, sequence);
                case EngineEvent.MatchPrevented p -> user(p.match().userId()).prevented(p.match(), sequence);
                case EngineEvent.BalanceChanged b -> user(b.userId()).balance(b.assetId(), b.free(), b.locked(),
                        timestampMs);
                case EngineEvent.UserFeeTierChanged f -> user(f.userId()).feeTier(f.tier());
                case EngineEvent.FeeTierChanged f -> feeTiers.put(f.tier(), new long[]{f.makerRate(), f.takerRate()});
                case EngineEvent.SymbolUpdated s -> symbolUpdated(s.symbol());
                default -> {
                }
            }
        }
    }

    private void symbolUpdated(SymbolSpec s) {
        List<SymbolSpec> list = new java.util.ArrayList<>(symbols);
        if (s.id() < list.size()) {
            list.set(s.id(), s);
        } else {
            list.add(s);
        }
        symbols = List.copyOf(list);
    }

    private void trade(EngineEvent.TradeExecuted e, long sequence) {
        TradeState t = e.trade();
        user(e.taker().userId()).order(e.taker(), sequence);
        user(e.maker().userId()).order(e.maker(), sequence);
        SymbolSpec s = symbols.get(t.symbolId());
        OrderState buyer = e.taker().orderId() == t.buyerOrderId() ? e.taker() : e.maker();
        OrderState seller = buyer == e.taker() ? e.maker() : e.taker();
        user(t.buyerUserId()).trade(new UserTrade(t.symbolId(), t.tradeId(), t.buyerOrderId(), buyer.orderListId(),
                t.price(), t.qty(), t.quoteQty(), t.buyerFee(), s.baseAssetId(), t.timeMs(), true, t.buyerIsMaker()),
                sequence);
        user(t.sellerUserId()).trade(new UserTrade(t.symbolId(), t.tradeId(), t.sellerOrderId(),
                seller.orderListId(), t.price(), t.qty(), t.quoteQty(), t.sellerFee(), s.quoteAssetId(), t.timeMs(),
                false, !t.buyerIsMaker()), sequence);
    }
}
