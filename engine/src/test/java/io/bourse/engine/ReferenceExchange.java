package io.bourse.engine;

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
import io.bourse.engine.market.SymbolSpec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple model of the engine's rules, for differential testing: amounts in base units with
 * exact checked arithmetic, every open order in one list, the book re-sorted on every look. Slow and obviously
 * right, it shares no code with the engine.
 */
final class ReferenceExchange {
    private static final long RATE_ONE = 100_000_000L;

    record Asset(String name, int scale) {
    }

    static final class Sym {
        SymbolSpec spec;
        long baseUnit;
        long lastPrice;
        long nextTradeId = 1;
        long nextPreventedMatchId = 1;
        final List<long[]> trades = new ArrayList<>();   // {timeMs, lots, quote}
    }

    static final class Ord {
        long id;
        int symbolId;
        long user;
        Side side;
        OrderType type;
        TimeInForce tif;
        StpMode stp;
        String clientId;
        long price;
        long stop;
        long quoteQty;
        long qty;
        long filled;
        long prevented;
        long iceberg;
        long visible;
        long cumQuote;
        long locked;
        boolean marketBuyBudget;
        OrderStatus status = OrderStatus.NEW;
        long queue;
        boolean onBook;
        boolean triggered;
        /** Id of the other leg while both legs of an OCO are open, else 0. */
        long peer;

        long remaining() {
            return qty - filled - prevented;
        }
    }

    final List<Asset> assets = new ArrayList<>();
    final List<Long> supply = new ArrayList<>();
    final TreeMap<Long, TreeMap<Integer, long[]>> balances = new TreeMap<>();
    final Map<Long, Integer> tiers = new HashMap<>();
    final Map<Integer, long[]> feeTiers = new HashMap<>();
    final List<Sym> symbols = new ArrayList<>();
    final LinkedHashMap<Long, Ord> open = new LinkedHashMap<>();
    final Map<Long, long[]> holds = new HashMap<>();   // id -> {user, asset, amount}
    final List<EventLog.Event> events = new ArrayList<>();
    private final long feeAccount;
    private long nextOrderId = 1;
    private long queueCounter;
    private long now;
    private String stopReason;

    ReferenceExchange(long feeAccount) {
        this.feeAccount = feeAccount;
        account(feeAccount);
    }

    RejectReason apply(long timeMs, Command command) {
        now = timeMs;
        RejectReason r = switch (command) {
            case AddAsset c -> {
                assets.add(new Asset(c.name(), c.scale()));
                supply.add(0L);
                yield RejectReason.NONE;
            }
            case AddSymbol c -> {
                Sym s = new Sym();
                s.spec = c.spec().withId(symbols.size());
                s.baseUnit = BigInteger.TEN.pow(assets.get(s.spec.baseAssetId()).scale()).longValueExact();
                symbols.add(s);
                yield RejectReason.NONE;
            }
            case SetFeeTier c -> {
                feeTiers.put(c.tier(), new long[] {c.makerRate(), c.takerRate()});
                yield RejectReason.NONE;
            }
            case SetUserFeeTier c -> {
                account(c.userId());
                tiers.put(c.userId(), c.tier());
                yield RejectReason.NONE;
            }
            case SetSymbolStatus c -> {
                Sym s = symbols.get(c.symbolId());
                s.spec = s.spec.withStatus(c.status());
                yield RejectReason.NONE;
            }
            case Deposit c -> deposit(c);
            case WithdrawHold c -> withdrawHold(c);
            case WithdrawSettle c -> withdrawEnd(c.withdrawalId(), true);
            case WithdrawRelease c -> withdrawEnd(c.withdrawalId(), false);
            case PlaceOrder c -> place(c);
            case CancelOrder c -> cancel(c);
            case CancelReplace c -> {
                RejectReason cancelled = cancel(c.cancel());
                if (cancelled != RejectReason.NONE && !c.allowFailure()) {
                    yield cancelled;
                }
                RejectReason placed = place(c.newOrder());
                yield placed != RejectReason.NONE ? placed : cancelled;
            }
            case AmendOrder c -> amend(c);
            case MoveOrder c -> move(c);
            case CancelAllOrders c -> cancelAll(c);
            case PlaceOco c -> placeOco(c);
            case TestOrder c -> check(c.order());
        };
        if (r != RejectReason.NONE) {
            events.add(new EventLog.Rejected(r));
        }
        return r;
    }

    // ------------------------------------------------------------------ balances

    private TreeMap<Integer, long[]> account(long user) {
        return balances.computeIfAbsent(user, u -> new TreeMap<>());
    }

    private long[] bal(long user, int asset) {
        return account(user).computeIfAbsent(asset, a -> new long[2]);
    }

    private long free(long user, int asset) {
        TreeMap<Integer, long[]> a = balances.get(user);
        return a == null || !a.containsKey(asset) ? 0 : a.get(asset)[0];
    }

    private void lock(long user, int asset, long amount) {
        long[] b = bal(user, asset);
        b[0] = Math.subtractExact(b[0], amount);
        b[1] = Math.addExact(b[1], amount);
        check(b);
    }

    private void unlock(long user, int asset, long amount) {
        lock(user, asset, -amount);
    }

    private void addFree(long user, int asset, long amount) {
        long[] b = bal(user, asset);
        b[0] = Math.addExact(b[0], amount);
        check(b);
    }

    private void addLocked(long user, int asset, long amount) {
        long[] b = bal(user, asset);
        b[1] = Math.addExact(b[1], amount);
        check(b);
    }

    private static void check(long[] b) {
        if (b[0] < 0 || b[1] < 0) {
            throw new IllegalStateException("reference balance went negative");
        }
    }

    private final java.util.Set<Long> creditedReferences = new java.util.HashSet<>();

    private RejectReason deposit(Deposit c) {
        if (c.assetId() < 0 || c.assetId() >= assets.size()) {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (c.amount() <= 0) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (c.referenceId() != 0 && !creditedReferences.add(c.referenceId())) {
            return RejectReason.DUPLICATE_DEPOSIT;
        }
        supply.set(c.assetId(), Math.addExact(supply.get(c.assetId()), c.amount()));
        addFree(c.userId(), c.assetId(), c.amount());
        return RejectReason.NONE;
    }

    private RejectReason withdrawHold(WithdrawHold c) {
        if (c.assetId() < 0 || c.assetId() >= assets.size()) {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (c.amount() <= 0) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (holds.containsKey(c.withdrawalId())) {
            return RejectReason.DUPLICATE_WITHDRAWAL;
        }
        if (!balances.containsKey(c.userId()) || free(c.userId(), c.assetId()) < c.amount()) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        lock(c.userId(), c.assetId(), c.amount());
        holds.put(c.withdrawalId(), new long[] {c.userId(), c.assetId(), c.amount()});
        return RejectReason.NONE;
    }

    private RejectReason withdrawEnd(long id, boolean settle) {
        long[] h = holds.remove(id);
        if (h == null) {
            return RejectReason.UNKNOWN_WITHDRAWAL;
        }
        if (settle) {
            addLocked(h[0], (int) h[1], -h[2]);
            supply.set((int) h[1], supply.get((int) h[1]) - h[2]);
        } else {
            unlock(h[0], (int) h[1], h[2]);
        }
        return RejectReason.NONE;
    }

    // ------------------------------------------------------------------ arithmetic

    private static long quote(Sym s, long qty, long price) {
        BigInteger[] qr = BigInteger.valueOf(qty).multiply(BigInteger.valueOf(price))
                .divideAndRemainder(BigInteger.valueOf(s.baseUnit));
        if (qr[1].signum() != 0) {
            throw new IllegalStateException("inexact notional");
        }
        return qr[0].longValueExact();
    }

    private static long qpl(Sym s, long price) {
        return quote(s, s.spec.lotSize().stepSize(), price);
    }

    private static long fee(long amount, long rate) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(rate))
                .divide(BigInteger.valueOf(RATE_ONE)).longValueExact();
    }

    private long rate(long user, boolean maker) {
        long[] t = feeTiers.get(tiers.getOrDefault(user, 0));
        return t == null ? 0 : t[maker ? 0 : 1];
    }

    /** floor(Σ quote / Σ lots) over the trades of the last {@code mins} minutes, else the last trade's. */
    private long avgQpl(Sym s, int mins) {
        if (s.trades.isEmpty()) {
            return 0;
        }
        long[] last = s.trades.getLast();
        long lastQpl = last[2] / last[1];
        if (mins <= 0) {
            return lastQpl;
        }
        long nowMin = Math.floorDiv(now, 60_000L);
        long lots = 0;
        long quote = 0;
        for (long[] t : s.trades) {
            long m = Math.floorDiv(t[0], 60_000L);
            if (m > nowMin - mins && m <= nowMin) {
                lots += t[1];
                quote += t[2];
            }
        }
        return lots == 0 ? lastQpl : quote / lots;
    }

    // ------------------------------------------------------------------ placing

    /** The checks of the order itself: symbol, trading status, shape, filters (all that order/test checks). */
    private RejectReason check(PlaceOrder c) {
        if (c.symbolId() < 0 || c.symbolId() >= symbols.size()) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Sym s = symbols.get(c.symbolId());
        if (s.spec.status() != SymbolStatus.TRADING) {
            return RejectReason.MARKET_CLOSED;
        }
        RejectReason r = shape(s, c);
        return r != RejectReason.NONE ? r : filters(s, c);
    }

    private RejectReason place(PlaceOrder c) {
        RejectReason r = check(c);
        if (r != RejectReason.NONE) {
            return r;
        }
        Sym s = symbols.get(c.symbolId());
        if (!balances.containsKey(c.userId())) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        r = accountLimits(s, c, 1);
        if (r == RejectReason.NONE) {
            r = priceSanity(s, c);
        }
        if (r != RejectReason.NONE) {
            return r;
        }
        long lock = lockNeeded(s, c);
        if (lock > free(c.userId(), spendAsset(s, c.side()))) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        Ord o = create(s, c, lock);
        orderEvent(o, ExecType.NEW);
        if (!o.type.isConditional()) {
            execute(s, o);
            triggers(s);
        }
        return RejectReason.NONE;
    }

    private RejectReason accountLimits(Sym s, PlaceOrder c, int newOrders) {
        long mine = open.values().stream().filter(o -> o.symbolId == s.spec.id() && o.user == c.userId()).count();
        if (s.spec.maxNumOrders() > 0 && mine + newOrders > s.spec.maxNumOrders()) {
            return RejectReason.FILTER_MAX_NUM_ORDERS;
        }
        long algo = open.values().stream().filter(o -> o.symbolId == s.spec.id() && o.user == c.userId()
                && o.type.isConditional() && !o.triggered).count();
        if (c.type().isConditional() && s.spec.maxNumAlgoOrders() > 0 && algo + 1 > s.spec.maxNumAlgoOrders()) {
            return RejectReason.FILTER_MAX_NUM_ALGO_ORDERS;
        }
        if (c.clientOrderId() != null && open.values().stream().anyMatch(o -> o.symbolId == s.spec.id()
                && o.user == c.userId() && c.clientOrderId().equals(o.clientId))) {
            return RejectReason.DUPLICATE_ORDER;
        }
        return RejectReason.NONE;
    }

    private RejectReason priceSanity(Sym s, PlaceOrder c) {
        if (c.type() == OrderType.LIMIT_MAKER && crosses(s, c.side(), c.price())) {
            return RejectReason.WOULD_MATCH_IMMEDIATELY;
        }
        if (c.type().isConditional() && s.lastPrice != 0 && fires(c.side(), c.type(), c.stopPrice(), s.lastPrice)) {
            return RejectReason.WOULD_TRIGGER_IMMEDIATELY;
        }
        return RejectReason.NONE;
    }

    private Ord create(Sym s, PlaceOrder c, long lock) {
        Ord o = new Ord();
        o.id = nextOrderId++;
        o.symbolId = s.spec.id();
        o.user = c.userId();
        o.side = c.side();
        o.type = c.type();
        o.tif = c.timeInForce();
        o.stp = c.stpMode() != null ? c.stpMode() : s.spec.defaultStp();
        o.clientId = c.clientOrderId();
        o.price = c.price();
        o.stop = c.stopPrice();
        o.quoteQty = c.quoteOrderQty();
        o.qty = c.quantity();
        o.iceberg = c.icebergQty();
        o.marketBuyBudget = c.side() == Side.BUY && !c.type().hasLimitPrice();
        o.locked = lock;
        lock(o.user, spendAsset(s, o.side), lock);
        open.put(o.id, o);
        return o;
    }

    /** An OCO pair: validate both legs, lock the larger need once (on the first leg), place both. */
    private RejectReason placeOco(PlaceOco c) {
        if (c.symbolId() < 0 || c.symbolId() >= symbols.size()) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Sym s = symbols.get(c.symbolId());
        if (s.spec.status() != SymbolStatus.TRADING) {
            return RejectReason.MARKET_CLOSED;
        }
        PlaceOrder above = new PlaceOrder(c.symbolId(), c.userId(), c.side(), c.aboveType(), c.aboveTimeInForce(),
                c.abovePrice(), c.quantity(), 0, c.aboveStopPrice(), 0, c.stpMode(), c.aboveClientOrderId());
        PlaceOrder below = new PlaceOrder(c.symbolId(), c.userId(), c.side(), c.belowType(), c.belowTimeInForce(),
                c.belowPrice(), c.quantity(), 0, c.belowStopPrice(), 0, c.stpMode(), c.belowClientOrderId());
        RejectReason r = ocoLegs(c, above, below);
        for (PlaceOrder leg : List.of(above, below)) {
            if (r == RejectReason.NONE) {
                r = shape(s, leg);
            }
            if (r == RejectReason.NONE) {
                r = filters(s, leg);
            }
        }
        if (r != RejectReason.NONE) {
            return r;
        }
        if (!balances.containsKey(c.userId())) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        if (c.aboveClientOrderId() != null && c.aboveClientOrderId().equals(c.belowClientOrderId())) {
            return RejectReason.DUPLICATE_ORDER;
        }
        r = accountLimits(s, above, 2);
        if (r == RejectReason.NONE) {
            r = accountLimits(s, below, 2);
        }
        for (PlaceOrder leg : List.of(above, below)) {
            if (r == RejectReason.NONE) {
                r = priceSanity(s, leg);
            }
        }
        if (r != RejectReason.NONE) {
            return r;
        }
        long lockAbove = lockNeeded(s, above);
        long lockBelow = lockNeeded(s, below);
        if (Math.max(lockAbove, lockBelow) > free(c.userId(), spendAsset(s, c.side()))) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        Ord first = create(s, above, Math.max(lockAbove, lockBelow));
        Ord second = create(s, below, 0);
        first.peer = second.id;
        second.peer = first.id;
        orderEvent(first, ExecType.NEW);
        orderEvent(second, ExecType.NEW);
        for (Ord leg : List.of(first, second)) {
            if (!leg.type.isConditional()) {
                rest(s, leg);
            }
        }
        return RejectReason.NONE;
    }

    private static RejectReason ocoLegs(PlaceOco c, PlaceOrder above, PlaceOrder below) {
        if (c.side() == null || c.aboveType() == null || c.belowType() == null) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        boolean sell = c.side() == Side.SELL;
        boolean limitOrTp = sell ? above.type() == OrderType.LIMIT_MAKER || takeProfit(above.type())
                : below.type() == OrderType.LIMIT_MAKER || takeProfit(below.type());
        boolean stopLoss = sell ? stopLoss(below.type()) : stopLoss(above.type());
        if (!limitOrTp || !stopLoss) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        long a = above.type().isConditional() ? above.stopPrice() : above.price();
        long b = below.type().isConditional() ? below.stopPrice() : below.price();
        return a > b ? RejectReason.NONE : RejectReason.OCO_BAD_PRICES;
    }

    private static boolean stopLoss(OrderType t) {
        return t == OrderType.STOP_LOSS || t == OrderType.STOP_LOSS_LIMIT;
    }

    private static boolean takeProfit(OrderType t) {
        return t == OrderType.TAKE_PROFIT || t == OrderType.TAKE_PROFIT_LIMIT;
    }

    /**
     * The other leg expires once this one traded, fired or was cut by STP; this leg keeps as much of the shared
     * lock as it needs, the peer's release frees the rest.
     */
    private void expirePeer(Sym s, Ord leg) {
        Ord peer = open.get(leg.peer);
        leg.peer = 0;
        peer.peer = 0;
        long shared = leg.locked + peer.locked;
        long need = leg.side == Side.BUY ? quote(s, leg.remaining(), leg.price) : leg.remaining();
        long keep = leg.marketBuyBudget ? shared : Math.min(shared, need);
        leg.locked = keep;
        peer.locked = shared - keep;
        peer.onBook = false;
        peer.status = OrderStatus.EXPIRED;
        orderEvent(peer, ExecType.EXPIRED);
        close(s, peer);
    }

    private static RejectReason shape(Sym s, PlaceOrder c) {
        OrderType t = c.type();
        if (c.side() == null || t == null || c.price() < 0 || c.quantity() < 0 || c.quoteOrderQty() < 0
                || c.stopPrice() < 0 || c.icebergQty() < 0) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        boolean limitType = t == OrderType.LIMIT || t == OrderType.LIMIT_MAKER || t == OrderType.STOP_LOSS_LIMIT
                || t == OrderType.TAKE_PROFIT_LIMIT;
        boolean needsTif = t == OrderType.LIMIT || t == OrderType.STOP_LOSS_LIMIT || t == OrderType.TAKE_PROFIT_LIMIT;
        boolean ok = (c.timeInForce() != null) == needsTif && (c.price() > 0) == limitType
                && (c.stopPrice() > 0) == t.isConditional();
        ok &= t == OrderType.MARKET ? (c.quantity() > 0) != (c.quoteOrderQty() > 0)
                : c.quantity() > 0 && c.quoteOrderQty() == 0;
        if (c.icebergQty() > 0) {
            ok &= limitType && (t == OrderType.LIMIT_MAKER || c.timeInForce() == TimeInForce.GTC)
                    && c.icebergQty() < c.quantity();
            if (ok && s.spec.icebergParts() == 0) {
                return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
            }
        }
        return ok ? RejectReason.NONE : RejectReason.UNSUPPORTED_ORDER_COMBINATION;
    }

    private RejectReason filters(Sym s, PlaceOrder c) {
        SymbolSpec sp = s.spec;
        boolean limitType = c.type().hasLimitPrice();
        if (limitType && !priceOk(sp, c.price()) || c.type().isConditional() && !priceOk(sp, c.stopPrice())) {
            return RejectReason.FILTER_PRICE;
        }
        if (c.quantity() > 0 && !lotOk(sp.lotSize(), c.quantity())) {
            return RejectReason.FILTER_LOT_SIZE;
        }
        boolean marketLike = c.type() == OrderType.MARKET || c.type() == OrderType.STOP_LOSS
                || c.type() == OrderType.TAKE_PROFIT;
        if (marketLike && c.quantity() > 0 && !lotOk(sp.marketLotSize(), c.quantity())) {
            return RejectReason.FILTER_MARKET_LOT_SIZE;
        }
        if (c.icebergQty() > 0) {
            if (!lotOk(sp.lotSize(), c.icebergQty())) {
                return RejectReason.FILTER_LOT_SIZE;
            }
            if ((c.quantity() + c.icebergQty() - 1) / c.icebergQty() > sp.icebergParts()) {
                return RejectReason.FILTER_ICEBERG_PARTS;
            }
        }
        long notional;
        SymbolSpec.NotionalFilter nf = sp.notional();
        if (!marketLike) {
            notional = quote(s, c.quantity(), c.price());
        } else if (c.quoteOrderQty() > 0) {
            notional = c.quoteOrderQty();
        } else if (c.type() != OrderType.MARKET) {
            notional = quote(s, c.quantity(), c.stopPrice());
        } else {
            long avg = avgQpl(s, nf.avgPriceMins());
            notional = avg == 0 ? -1 : c.quantity() / sp.lotSize().stepSize() * avg;
        }
        if (notional >= 0) {
            boolean min = !marketLike || nf.applyMinToMarket();
            boolean max = !marketLike || nf.applyMaxToMarket();
            if (min && notional < nf.minNotional() || max && nf.maxNotional() > 0 && notional > nf.maxNotional()) {
                return RejectReason.FILTER_NOTIONAL;
            }
        }
        if (limitType && sp.percentPrice() != null) {
            SymbolSpec.PercentPriceBySide pp = sp.percentPrice();
            long avg = avgQpl(s, pp.avgPriceMins());
            if (avg > 0) {
                boolean buy = c.side() == Side.BUY;
                long q = qpl(s, c.price());
                if (q > fee(avg, buy ? pp.bidMultiplierUp() : pp.askMultiplierUp())
                        || q < fee(avg, buy ? pp.bidMultiplierDown() : pp.askMultiplierDown())) {
                    return RejectReason.FILTER_PERCENT_PRICE_BY_SIDE;
                }
            }
        }
        return RejectReason.NONE;
    }

    private static boolean priceOk(SymbolSpec s, long p) {
        return p >= s.price().minPrice() && p <= s.price().maxPrice() && p % s.price().tickSize() == 0;
    }

    private static boolean lotOk(SymbolSpec.LotSize f, long q) {
        return q >= f.minQty() && q <= f.maxQty() && (f.stepSize() == 0 || q % f.stepSize() == 0);
    }

    private static boolean fires(Side side, OrderType type, long stop, long last) {
        boolean stopLoss = type == OrderType.STOP_LOSS || type == OrderType.STOP_LOSS_LIMIT;
        boolean onRise = (side == Side.BUY) == stopLoss;
        return onRise ? last >= stop : last <= stop;
    }

    /** Resting orders of the side opposite to {@code side}, best first, then by time. */
    private List<Ord> makers(Sym s, Side side) {
        Comparator<Ord> byPrice = Comparator.comparingLong(o -> o.price);
        if (side == Side.SELL) {
            byPrice = byPrice.reversed();
        }
        return open.values().stream().filter(o -> o.symbolId == s.spec.id() && o.onBook && o.side != side)
                .sorted(byPrice.thenComparingLong(o -> o.queue)).toList();
    }

    private boolean crosses(Sym s, Side side, long price) {
        List<Ord> m = makers(s, side);
        return !m.isEmpty() && (side == Side.BUY ? m.getFirst().price <= price : m.getFirst().price >= price);
    }

    private long lockNeeded(Sym s, PlaceOrder c) {
        if (c.side() == Side.SELL) {
            return c.quoteOrderQty() > 0 ? baseForQuote(s, c.quoteOrderQty()) : c.quantity();
        }
        if (c.type().hasLimitPrice()) {
            return quote(s, c.quantity(), c.price());
        }
        if (c.quoteOrderQty() > 0) {
            return c.quoteOrderQty();
        }
        if (c.type().isConditional()) {
            return quote(s, c.quantity(), c.stopPrice());
        }
        return costToBuy(s, c.quantity());
    }

    private long costToBuy(Sym s, long qty) {
        long cost = 0;
        for (Ord m : makers(s, Side.BUY)) {
            if (qty <= 0) {
                break;
            }
            long take = Math.min(qty, m.remaining());
            cost += quote(s, take, m.price);
            qty -= take;
        }
        return cost;
    }

    private long baseForQuote(Sym s, long amount) {
        long step = s.spec.lotSize().stepSize();
        long base = 0;
        for (Ord m : makers(s, Side.SELL)) {
            long perLot = qpl(s, m.price);
            long take = Math.min(amount / perLot * step, m.remaining());
            base += take;
            amount -= quote(s, take, m.price);
            if (take < m.remaining()) {
                break;
            }
        }
        return base;
    }

    // ------------------------------------------------------------------ matching

    private void execute(Sym s, Ord o) {
        boolean fok = o.tif == TimeInForce.FOK;
        if (!fok || fillable(s, o) >= o.remaining()) {
            match(s, o);
        } else {
            stopReason = "liquidity";
        }
        boolean market = o.price == 0;
        if (o.status == OrderStatus.EXPIRED_IN_MATCH) {
            close(s, o);
        } else if (o.quoteQty > 0) {
            finish(s, o, "size".equals(stopReason) && o.filled > 0 ? OrderStatus.FILLED : OrderStatus.EXPIRED);
        } else if (o.remaining() == 0) {
            finish(s, o, OrderStatus.FILLED);
        } else if (market || o.tif == TimeInForce.IOC || fok) {
            finish(s, o, OrderStatus.EXPIRED);
        } else {
            rest(s, o);
        }
    }

    private void rest(Sym s, Ord o) {
        o.onBook = true;
        o.queue = ++queueCounter;
        o.visible = o.iceberg > 0 ? Math.min(o.iceberg, o.remaining()) : o.remaining();
    }

    private void finish(Sym s, Ord o, OrderStatus status) {
        o.status = status;
        if (status != OrderStatus.FILLED) {
            orderEvent(o, ExecType.EXPIRED);
        }
        close(s, o);
    }

    /** Base the taker may take from a maker at {@code price}. */
    private long want(Sym s, Ord o, long price) {
        long step = s.spec.lotSize().stepSize();
        long perLot = qpl(s, price);
        if (o.quoteQty > 0) {
            if (o.side == Side.BUY) {
                return o.locked / perLot * step;
            }
            return Math.min((o.quoteQty - o.cumQuote) / perLot * step, o.locked);
        }
        long rem = o.remaining();
        if (o.marketBuyBudget) {
            rem = Math.min(rem, o.locked / perLot * step);
        }
        return rem;
    }

    private void match(Sym s, Ord o) {
        while (true) {
            List<Ord> book = makers(s, o.side);
            if (book.isEmpty()) {
                boolean spent = o.quoteQty > 0 && (o.side == Side.BUY ? o.locked : o.quoteQty - o.cumQuote) == 0;
                stopReason = spent ? "size" : "liquidity";
                return;
            }
            Ord m = book.getFirst();
            if (o.price != 0 && (o.side == Side.BUY ? m.price > o.price : m.price < o.price)) {
                stopReason = "liquidity";
                return;
            }
            long want = want(s, o, m.price);
            if (want <= 0) {
                stopReason = "size";
                return;
            }
            if (m.user == o.user && o.stp != StpMode.NONE) {
                if (selfTrade(s, o, m)) {
                    stopReason = "stp";
                    return;
                }
                continue;
            }
            long q = Math.min(want, m.visible);
            fill(s, o, m, q);
            if (m.visible == 0) {
                if (m.remaining() > 0) {
                    m.visible = Math.min(m.iceberg, m.remaining());
                    m.queue = ++queueCounter;
                } else {
                    m.onBook = false;
                    close(s, m);
                }
            }
        }
    }

    private boolean selfTrade(Sym s, Ord taker, Ord maker) {
        boolean makerExpires = taker.stp == StpMode.EXPIRE_MAKER || taker.stp == StpMode.EXPIRE_BOTH;
        long prevented = makerExpires || taker.quoteQty > 0 ? maker.remaining()
                : Math.min(maker.remaining(), taker.remaining());
        events.add(new EventLog.Prevented(new PreventedMatch(s.spec.id(), s.nextPreventedMatchId++, taker.id,
                maker.id, taker.user, maker.price, prevented, taker.stp, now)));
        switch (taker.stp) {
            case EXPIRE_TAKER -> {
                expireInMatch(taker);
                return true;
            }
            case EXPIRE_MAKER -> {
                expireMaker(s, maker);
                return false;
            }
            case EXPIRE_BOTH -> {
                expireMaker(s, maker);
                expireInMatch(taker);
                return true;
            }
            default -> {
                if (taker.quoteQty > 0) {
                    expireInMatch(taker);
                    return true;
                }
                long q = Math.min(taker.remaining(), maker.remaining());
                decrement(s, taker, q);
                decrement(s, maker, q);
                maker.visible = Math.min(maker.visible, maker.remaining());
                if (maker.remaining() == 0) {
                    expireMaker(s, maker);
                } else {
                    orderEvent(maker, ExecType.TRADE_PREVENTION);
                }
                if (taker.remaining() == 0) {
                    expireInMatch(taker);
                    return true;
                }
                orderEvent(taker, ExecType.TRADE_PREVENTION);
                return false;
            }
        }
    }

    private void decrement(Sym s, Ord o, long q) {
        if (o.peer != 0) {
            expirePeer(s, o);
        }
        o.prevented += q;
        if (!o.marketBuyBudget) {
            long amount = o.side == Side.BUY ? quote(s, q, o.price) : q;
            unlock(o.user, spendAsset(s, o), amount);
            o.locked -= amount;
        }
    }

    private void expireInMatch(Ord o) {
        o.status = OrderStatus.EXPIRED_IN_MATCH;
        orderEvent(o, ExecType.TRADE_PREVENTION);
    }

    private void expireMaker(Sym s, Ord m) {
        m.onBook = false;
        expireInMatch(m);
        close(s, m);
    }

    private void fill(Sym s, Ord taker, Ord maker, long qty) {
        boolean buyerIsMaker = taker.side == Side.SELL;
        Ord buyer = buyerIsMaker ? maker : taker;
        Ord seller = buyerIsMaker ? taker : maker;
        int base = s.spec.baseAssetId();
        int quoteAsset = s.spec.quoteAssetId();
        long quote = quote(s, qty, maker.price);
        long buyerLockUsed = buyer.marketBuyBudget ? quote : quote(s, qty, buyer.price);
        addLocked(buyer.user, quoteAsset, -buyerLockUsed);
        buyer.locked -= buyerLockUsed;
        addFree(buyer.user, quoteAsset, buyerLockUsed - quote);
        long buyerFee = fee(qty, rate(buyer.user, buyerIsMaker));
        addFree(buyer.user, base, qty - buyerFee);
        addLocked(seller.user, base, -qty);
        seller.locked -= qty;
        long sellerFee = fee(quote, rate(seller.user, !buyerIsMaker));
        addFree(seller.user, quoteAsset, quote - sellerFee);
        addFree(feeAccount, base, buyerFee);
        addFree(feeAccount, quoteAsset, sellerFee);

        taker.filled += qty;
        taker.cumQuote += quote;
        if (taker.quoteQty > 0) {
            taker.qty = taker.filled;
            taker.status = want(s, taker, maker.price) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        } else {
            taker.status = taker.remaining() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        }
        maker.filled += qty;
        maker.cumQuote += quote;
        maker.visible -= qty;
        maker.status = maker.remaining() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        s.lastPrice = maker.price;
        s.trades.add(new long[] {now, qty / s.spec.lotSize().stepSize(), quote});
        events.add(new EventLog.TradeEvent(s.nextTradeId++, s.spec.id(), maker.price, qty, quote, buyer.id,
                seller.id, buyerIsMaker, buyerFee, sellerFee, taker.status, maker.status));
        if (maker.peer != 0) {
            expirePeer(s, maker);
        }
        if (taker.peer != 0) {
            expirePeer(s, taker);
        }
    }

    private long fillable(Sym s, Ord o) {
        long found = 0;
        for (Ord m : makers(s, o.side)) {
            if (found >= o.remaining() || (o.side == Side.BUY ? m.price > o.price : m.price < o.price)) {
                break;
            }
            if (m.user == o.user && o.stp != StpMode.NONE) {
                if (o.stp != StpMode.EXPIRE_MAKER) {
                    return found;
                }
            } else {
                found += m.remaining();
            }
        }
        return found;
    }

    private void triggers(Sym s) {
        if (s.lastPrice == 0) {
            return;
        }
        while (true) {
            List<Ord> waiting = open.values().stream().filter(o -> o.symbolId == s.spec.id()
                    && o.type.isConditional() && !o.triggered && fires(o.side, o.type, o.stop, s.lastPrice)).toList();
            if (waiting.isEmpty()) {
                return;
            }
            List<Ord> rise = waiting.stream().filter(o -> firesOnRise(o)).sorted(
                    Comparator.comparingLong((Ord o) -> o.stop).thenComparingLong(o -> o.id)).toList();
            Ord next = !rise.isEmpty() ? rise.getFirst() : waiting.stream().sorted(
                    Comparator.comparingLong((Ord o) -> -o.stop).thenComparingLong(o -> o.id)).findFirst().get();
            trigger(s, next);
        }
    }

    private static boolean firesOnRise(Ord o) {
        boolean stopLoss = o.type == OrderType.STOP_LOSS || o.type == OrderType.STOP_LOSS_LIMIT;
        return (o.side == Side.BUY) == stopLoss;
    }

    private void trigger(Sym s, Ord o) {
        o.triggered = true;
        if (o.peer != 0) {
            expirePeer(s, o);
        }
        if (o.side == Side.BUY && (o.type == OrderType.STOP_LOSS || o.type == OrderType.TAKE_PROFIT)) {
            long cost = costToBuy(s, o.remaining());
            long extra = Math.min(cost - o.locked, free(o.user, s.spec.quoteAssetId()));
            if (extra > 0) {
                lock(o.user, s.spec.quoteAssetId(), extra);
                o.locked += extra;
            }
        }
        orderEvent(o, ExecType.TRIGGERED);
        execute(s, o);
    }

    // ------------------------------------------------------------------ cancel, amend, move

    private Ord find(int symbolId, long user, long id, String clientId) {
        if (symbolId < 0 || symbolId >= symbols.size() || !balances.containsKey(user)) {
            return null;
        }
        Ord o;
        if (id == 0) {
            if (clientId == null) {
                return null;
            }
            o = open.values().stream().filter(x -> x.symbolId == symbolId && x.user == user
                    && clientId.equals(x.clientId)).findFirst().orElse(null);
        } else {
            o = open.get(id);
        }
        if (o == null || o.symbolId != symbolId || o.user != user) {
            return null;
        }
        return clientId != null && !clientId.equals(o.clientId) ? null : o;
    }

    private RejectReason cancel(CancelOrder c) {
        if (c.symbolId() < 0 || c.symbolId() >= symbols.size()) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Ord o = find(c.symbolId(), c.userId(), c.orderId(), c.origClientOrderId());
        if (o == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        boolean partlyFilled = o.status == OrderStatus.PARTIALLY_FILLED;
        if (c.restriction() == CancelRestriction.ONLY_NEW && partlyFilled
                || c.restriction() == CancelRestriction.ONLY_PARTIALLY_FILLED && !partlyFilled) {
            return RejectReason.CANCEL_RESTRICTED;
        }
        cancelWithPeer(symbols.get(c.symbolId()), o);
        return RejectReason.NONE;
    }

    private void cancelWithPeer(Sym s, Ord o) {
        if (o.peer != 0) {
            Ord peer = open.get(o.peer);
            o.peer = 0;
            peer.peer = 0;
            cancelOne(s, peer);
        }
        cancelOne(s, o);
    }

    private void cancelOne(Sym s, Ord o) {
        o.onBook = false;
        o.status = OrderStatus.CANCELED;
        orderEvent(o, ExecType.CANCELED);
        close(s, o);
    }

    private RejectReason cancelAll(CancelAllOrders c) {
        if (c.symbolId() < 0 || c.symbolId() >= symbols.size()) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        List<Ord> mine = open.values().stream().filter(o -> o.symbolId == c.symbolId() && o.user == c.userId())
                .sorted(Comparator.comparingLong(o -> o.id)).toList();
        if (mine.isEmpty()) {
            return RejectReason.UNKNOWN_ORDER;
        }
        for (Ord o : mine) {
            if (open.get(o.id) == o) {
                cancelWithPeer(symbols.get(c.symbolId()), o);
            }
        }
        return RejectReason.NONE;
    }

    private RejectReason amend(AmendOrder c) {
        if (c.symbolId() < 0 || c.symbolId() >= symbols.size()) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Sym s = symbols.get(c.symbolId());
        Ord o = find(c.symbolId(), c.userId(), c.orderId(), c.origClientOrderId());
        if (o == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (o.peer != 0) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        long step = s.spec.lotSize().stepSize();
        if (c.newQuantity() <= 0 || c.newQuantity() % step != 0) {
            return RejectReason.FILTER_LOT_SIZE;
        }
        if (c.newQuantity() >= o.qty || c.newQuantity() <= o.filled + o.prevented || o.quoteQty > 0) {
            return RejectReason.AMEND_NOT_A_DECREASE;
        }
        String newClientId = c.newClientOrderId();
        if (newClientId != null && !newClientId.equals(o.clientId) && open.values().stream().anyMatch(x ->
                x.symbolId == o.symbolId && x.user == o.user && newClientId.equals(x.clientId))) {
            return RejectReason.DUPLICATE_ORDER;
        }
        if (newClientId != null) {
            o.clientId = newClientId;
        }
        long removed = o.qty - c.newQuantity();
        o.qty = c.newQuantity();
        if (!o.marketBuyBudget) {
            long amount = o.side == Side.BUY ? quote(s, removed, o.price) : removed;
            unlock(o.user, spendAsset(s, o), amount);
            o.locked -= amount;
        }
        if (o.onBook) {
            o.visible = Math.min(o.visible, o.remaining());
        }
        orderEvent(o, ExecType.REPLACED);
        return RejectReason.NONE;
    }

    private RejectReason move(MoveOrder c) {
        if (c.symbolId() < 0 || c.symbolId() >= symbols.size()) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Sym s = symbols.get(c.symbolId());
        if (s.spec.status() != SymbolStatus.TRADING) {
            return RejectReason.MARKET_CLOSED;
        }
        Ord o = find(c.symbolId(), c.userId(), c.orderId(), null);
        if (o == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (!o.onBook || o.peer != 0) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        if (!priceOk(s.spec, c.newPrice())) {
            return RejectReason.FILTER_PRICE;
        }
        o.onBook = false;
        boolean crosses = crosses(s, o.side, c.newPrice());
        o.onBook = true;
        if (o.type == OrderType.LIMIT_MAKER && crosses) {
            return RejectReason.WOULD_MATCH_IMMEDIATELY;
        }
        if (o.side == Side.BUY) {
            long need = quote(s, o.remaining(), c.newPrice());
            if (need - o.locked > free(o.user, s.spec.quoteAssetId())) {
                return RejectReason.INSUFFICIENT_BALANCE;
            }
            lock(o.user, s.spec.quoteAssetId(), need - o.locked);
            o.locked = need;
        }
        o.onBook = false;
        o.price = c.newPrice();
        orderEvent(o, ExecType.REPLACED);
        execute(s, o);
        triggers(s);
        return RejectReason.NONE;
    }

    private static int spendAsset(Sym s, Ord o) {
        return spendAsset(s, o.side);
    }

    private static int spendAsset(Sym s, Side side) {
        return side == Side.BUY ? s.spec.quoteAssetId() : s.spec.baseAssetId();
    }

    private void close(Sym s, Ord o) {
        if (o.peer != 0) {
            Ord peer = open.get(o.peer);
            o.peer = 0;
            peer.peer = 0;
            o.locked += peer.locked;
            peer.locked = 0;
            peer.onBook = false;
            peer.status = OrderStatus.EXPIRED;
            orderEvent(peer, ExecType.EXPIRED);
            close(s, peer);
        }
        if (o.locked > 0) {
            unlock(o.user, spendAsset(s, o), o.locked);
            o.locked = 0;
        }
        open.remove(o.id);
    }

    private void orderEvent(Ord o, ExecType type) {
        long leaves = o.status.isOpen() ? o.remaining() : 0;
        events.add(new EventLog.OrderEvent(o.id, type, o.status, o.filled, o.cumQuote, leaves, o.prevented));
    }
}
