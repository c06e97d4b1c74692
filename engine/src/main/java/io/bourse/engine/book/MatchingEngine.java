package io.bourse.engine.book;

import io.bourse.engine.EngineListener;
import io.bourse.engine.ExecType;
import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.account.AccountRow;
import io.bourse.engine.account.Accounts;
import io.bourse.engine.account.FeeSchedule;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Order entry and matching for every symbol: checks each order against {@link OrderEntry}'s rules, locks what
 * it could spend, matches in price-time priority at the maker's price, settles both sides of each fill with
 * fees, applies self-trade prevention, and keeps conditional orders until their trigger.
 *
 * <p>Methods return {@link RejectReason#NONE} or the reason the command was refused; a refused command has
 * changed nothing (except the second half of a cancel-replace, whose cancel stands, as on Binance).
 */
public final class MatchingEngine {
    final Accounts accounts;
    private final FeeSchedule fees;
    private final EngineListener listener;
    final OrderIndex orders = new OrderIndex();
    private final MutableTrade trade = new MutableTrade();
    private final OrderRequest request = new OrderRequest();
    Market[] markets = new Market[8];
    int marketCount;
    private Order[] pool = new Order[256];
    private int poolSize;
    long nextOrderId = 1;
    long nextOrderListId = 1;
    private long nowMs;
    private final long feeAccountId;

    /** Why the last {@link #match} stopped. */
    private enum Stop { SIZE, PRICE_OR_LIQUIDITY, SELF_TRADE }

    private Stop stop;

    public MatchingEngine(Accounts accounts, FeeSchedule fees, long feeAccountId, EngineListener listener) {
        this.accounts = accounts;
        this.fees = fees;
        this.listener = listener;
        this.feeAccountId = feeAccountId;
        accounts.rowOrCreate(feeAccountId);
    }

    // ------------------------------------------------------------------ listing and queries

    /** Lists a symbol whose spec the caller has validated; {@code quotePerLotTick} per {@link Market}. */
    public void addMarket(SymbolSpec spec, long quotePerLotTick) {
        if (marketCount == markets.length) {
            markets = Arrays.copyOf(markets, marketCount * 2);
        }
        markets[marketCount++] = new Market(spec, quotePerLotTick);
        accounts.prepare(feeAccountId, spec.baseAssetId(), spec.quoteAssetId(), spec.id());
    }

    public int marketCount() {
        return marketCount;
    }

    /** The symbol's spec, or null if no such symbol. */
    public SymbolSpec spec(int symbolId) {
        Market m = market(symbolId);
        return m == null ? null : m.spec();
    }

    public void setSpec(SymbolSpec spec) {
        markets[spec.id()].spec(spec);
    }

    public void setTime(long timeMs) {
        this.nowMs = timeMs;
    }

    /** The open order, or null. */
    public OrderView order(long orderId) {
        return orders.get(orderId);
    }

    public int openOrderCount() {
        return orders.size();
    }

    public long nextOrderId() {
        return nextOrderId;
    }

    /** Number of price levels on one side of a symbol's book. */
    public int levelCount(int symbolId, Side side) {
        return markets[symbolId].side(side).levelCount();
    }

    /** Price of the level at {@code depth} (0 = best) on one side, or 0 if the side is shallower. */
    public long levelPrice(int symbolId, Side side, int depth) {
        BookSide s = markets[symbolId].side(side);
        return depth < s.levelCount() ? s.atDepth(depth).price : 0;
    }

    /** Visible quantity at {@code depth} on one side, or 0. */
    public long levelQty(int symbolId, Side side, int depth) {
        Market m = markets[symbolId];
        BookSide s = m.side(side);
        return depth < s.levelCount() ? s.atDepth(depth).visibleLots * m.stepSize : 0;
    }

    /** Every open order, in ascending id order (for invariant checks and queries off the hot path). */
    public void forEachOpenOrder(Consumer<OrderView> visitor) {
        orders.forEach(visitor::accept);
    }

    /** Amount an open order holds locked (for invariant checks). */
    public long lockedFor(long orderId) {
        Order o = orders.get(orderId);
        return o == null ? 0 : o.locked;
    }

    // ------------------------------------------------------------------ placing

    public RejectReason place(PlaceOrder c) {
        Market m = market(c.symbolId());
        RejectReason r = tradable(m);
        if (r == RejectReason.NONE) {
            r = OrderEntry.checkShape(m, c);
        }
        if (r != RejectReason.NONE) {
            return r;
        }
        OrderRequest q = request.derive(m, c);
        r = OrderEntry.checkFilters(m, q, nowMs);
        if (r != RejectReason.NONE) {
            return r;
        }
        long[] row = accounts.row(c.userId());
        if (row == null) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        r = OrderEntry.checkAccountLimits(m, accounts, c.userId(), row, c.type(), c.clientOrderId(), 1);
        if (r != RejectReason.NONE) {
            return r;
        }
        r = OrderEntry.checkPriceSanity(m, c.side(), c.type(), c.price(), c.stopPrice());
        if (r != RejectReason.NONE) {
            return r;
        }
        long lock = OrderEntry.lockNeeded(m, q);
        if (lock > AccountRow.free(row, m.spendAsset(c.side()))) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        Order o = newOrder(m, prepared(m, c.userId(), row), q, lock, -1);
        listener.onOrder(o, ExecType.NEW);
        if (c.type().isConditional()) {
            m.stopsFor(o.side, OrderEntry.isStopLoss(o.type)).add(o);
        } else {
            execute(m, o);
            processTriggers(m);
        }
        return RejectReason.NONE;
    }

    /** The checks {@link #place} makes of the order itself, without placing it (Binance's order/test). */
    public RejectReason test(PlaceOrder c) {
        Market m = market(c.symbolId());
        RejectReason r = tradable(m);
        if (r == RejectReason.NONE) {
            r = OrderEntry.checkShape(m, c);
        }
        return r != RejectReason.NONE ? r : OrderEntry.checkFilters(m, request.derive(m, c), nowMs);
    }

    /** Places an OCO pair: both legs are validated first, and either both are placed or neither. */
    public RejectReason placeOco(PlaceOco c) {
        Market m = market(c.symbolId());
        RejectReason r = tradable(m);
        if (r != RejectReason.NONE) {
            return r;
        }
        PlaceOrder above = new PlaceOrder(c.symbolId(), c.userId(), c.side(), c.aboveType(), c.aboveTimeInForce(),
                c.abovePrice(), c.quantity(), 0, c.aboveStopPrice(), 0, c.stpMode(), c.aboveClientOrderId());
        PlaceOrder below = new PlaceOrder(c.symbolId(), c.userId(), c.side(), c.belowType(), c.belowTimeInForce(),
                c.belowPrice(), c.quantity(), 0, c.belowStopPrice(), 0, c.stpMode(), c.belowClientOrderId());
        r = OrderEntry.checkOcoLegs(c, above, below);
        OrderRequest aboveRequest = new OrderRequest().derive(m, above);
        OrderRequest belowRequest = new OrderRequest().derive(m, below);
        for (OrderRequest leg : List.of(aboveRequest, belowRequest)) {
            if (r == RejectReason.NONE) {
                r = OrderEntry.checkShape(m, leg.command);
            }
            if (r == RejectReason.NONE) {
                r = OrderEntry.checkFilters(m, leg, nowMs);
            }
        }
        if (r != RejectReason.NONE) {
            return r;
        }
        long[] row = accounts.row(c.userId());
        if (row == null) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        if (c.aboveClientOrderId() != null && c.aboveClientOrderId().equals(c.belowClientOrderId())) {
            return RejectReason.DUPLICATE_ORDER;
        }
        r = OrderEntry.checkAccountLimits(m, accounts, c.userId(), row, above.type(), above.clientOrderId(), 2);
        if (r == RejectReason.NONE) {
            r = OrderEntry.checkAccountLimits(m, accounts, c.userId(), row, below.type(), below.clientOrderId(), 2);
        }
        if (r != RejectReason.NONE) {
            return r;
        }
        for (PlaceOrder leg : List.of(above, below)) {
            r = OrderEntry.checkPriceSanity(m, leg.side(), leg.type(), leg.price(), leg.stopPrice());
            if (r != RejectReason.NONE) {
                return r;
            }
        }
        // Both legs can spend the same funds (only one will ever execute): lock the larger need once.
        long lockAbove = OrderEntry.lockNeeded(m, aboveRequest);
        long lockBelow = OrderEntry.lockNeeded(m, belowRequest);
        int spendAsset = m.spendAsset(c.side());
        if (Math.max(lockAbove, lockBelow) > AccountRow.free(row, spendAsset)) {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        row = prepared(m, c.userId(), row);
        long listId = nextOrderListId++;
        Order first = newOrder(m, row, aboveRequest, lockAbove, listId);
        Order second = newOrder(m, row, belowRequest, 0, listId);
        first.listClientOrderId = c.listClientOrderId();
        second.listClientOrderId = c.listClientOrderId();
        // one shared lock: the leg that locks less borrows from the other's
        if (lockBelow > lockAbove) {
            long extra = lockBelow - lockAbove;
            AccountRow.lock(row, spendAsset, extra);
            first.locked += extra;
        }
        first.ocoPeer = second;
        second.ocoPeer = first;
        listener.onOrder(first, ExecType.NEW);
        listener.onOrder(second, ExecType.NEW);
        for (Order leg : new Order[] {first, second}) {
            if (leg.type.isConditional()) {
                m.stopsFor(leg.side, OrderEntry.isStopLoss(leg.type)).add(leg);
            } else {
                rest(m, leg);
            }
        }
        return RejectReason.NONE;
    }

    /**
     * The user's row, made ready to trade on the market (see {@link io.bourse.engine.account.Accounts#prepare}):
     * {@code row} itself unless it must grow, which happens once per user and market, so the growing is kept out of
     * the way of the compiled order path.
     */
    private long[] prepared(Market m, long userId, long[] row) {
        if (AccountRow.canTrade(row, m.baseAssetId, m.quoteAssetId, m.symbolId)) {
            return row;
        }
        return accounts.prepare(userId, m.baseAssetId, m.quoteAssetId, m.symbolId);
    }

    /** A new order of the row's user; the row is prepared for the market. */
    private Order newOrder(Market m, long[] row, OrderRequest q, long lock, long orderListId) {
        PlaceOrder c = q.command;
        Order o = acquireOrder();
        o.orderId = nextOrderId++;
        o.symbolId = m.symbolId;
        o.userId = c.userId();
        o.side = c.side();
        o.type = c.type();
        o.timeInForce = c.timeInForce();
        o.stpMode = c.stpMode() != null ? c.stpMode() : m.defaultStp;
        o.clientOrderId = c.clientOrderId();
        o.price = c.price();
        o.stopPrice = c.stopPrice();
        o.quoteOrderQty = c.quoteOrderQty();
        o.orderListId = orderListId;
        o.stepSize = m.stepSize;
        o.origLots = q.lots;
        o.icebergLots = q.icebergLots;
        o.quotePerLot = c.price() > 0 ? q.priceQuotePerLot : 0;
        o.priceTicks = q.priceTicks;
        o.status = OrderStatus.NEW;
        o.createdTimeMs = nowMs;
        o.updatedTimeMs = nowMs;
        o.triggered = false;
        if (lock > 0) {
            int asset = m.spendAsset(o.side);
            AccountRow.lock(row, asset, lock);
            accounts.touch(o.userId, row, asset);
            o.locked = lock;
        }
        orders.put(o);
        AccountRow.addOpenOrder(row, m.symbolId, 1);
        if (o.type.isConditional()) {
            AccountRow.addOpenAlgoOrder(row, m.symbolId, 1);
        }
        if (o.clientOrderId != null) {
            accounts.putClientId(o.userId, m.symbolId, o.clientOrderId, o.orderId);
        }
        return o;
    }

    // ------------------------------------------------------------------ execution

    /** Runs a working order as taker, then rests it, fills it or expires it according to its type. */
    private void execute(Market m, Order o) {
        o.workingTimeMs = nowMs;
        boolean fok = o.timeInForce == TimeInForce.FOK;
        if (!fok || fillableLots(m, o) >= o.remainingLots()) {
            match(m, o);
        } else {
            stop = Stop.PRICE_OR_LIQUIDITY;
        }
        boolean market = o.price == 0;
        if (o.status == OrderStatus.EXPIRED_IN_MATCH) {
            close(o);
        } else if (o.isQuoteSized()) {
            finish(o, stop == Stop.SIZE && o.filledLots > 0 ? OrderStatus.FILLED : OrderStatus.EXPIRED);
        } else if (o.remainingLots() == 0) {
            finish(o, OrderStatus.FILLED);
        } else if (market || o.timeInForce == TimeInForce.IOC || fok) {
            finish(o, OrderStatus.EXPIRED);
        } else {
            rest(m, o);
        }
    }

    private void finish(Order o, OrderStatus status) {
        o.status = status;
        o.updatedTimeMs = nowMs;
        if (status != OrderStatus.FILLED) {
            listener.onOrder(o, ExecType.EXPIRED);
        }
        close(o);
    }

    private void rest(Market m, Order o) {
        PriceLevel level = m.side(o.side).levelFor(o.price, o.priceTicks, o.quotePerLot);
        long remaining = o.remainingLots();
        o.visibleLots = o.icebergLots > 0 ? Math.min(o.icebergLots, remaining) : remaining;
        if (o.workingTimeMs < 0) {
            o.workingTimeMs = nowMs;
        }
        level.append(o);
    }

    /** Lots the taker may take at this level now: its remainder, or what its quote amount or budget affords. */
    private static long takerLotsAt(Order o, PriceLevel level) {
        if (o.isQuoteSized()) {
            long affordable = remainingQuote(o) / level.quotePerLot;
            return o.side == Side.BUY ? affordable : Math.min(affordable, o.locked / o.stepSize);
        }
        long remaining = o.remainingLots();
        if (o.isBudgetBuy()) {
            remaining = Math.min(remaining, o.locked / level.quotePerLot);
        }
        return remaining;
    }

    private void match(Market m, Order o) {
        BookSide opposite = m.opposite(o.side);
        boolean buy = o.side == Side.BUY;
        boolean limit = o.price != 0;
        while (true) {
            PriceLevel level = opposite.best();
            if (level == null) {
                stop = o.isQuoteSized() && remainingQuote(o) == 0 ? Stop.SIZE : Stop.PRICE_OR_LIQUIDITY;
                return;
            }
            if (limit && (buy ? level.price > o.price : level.price < o.price)) {
                stop = Stop.PRICE_OR_LIQUIDITY;
                return;
            }
            Order maker = level.head;
            while (maker != null) {
                long want = takerLotsAt(o, level);
                if (want <= 0) {
                    stop = Stop.SIZE;
                    return;
                }
                Order next = maker.next;
                if (maker.userId == o.userId && o.stpMode != StpMode.NONE) {
                    boolean takerExpired = preventSelfTrade(m, o, maker, level);
                    if (takerExpired) {
                        if (level.isEmpty()) {
                            opposite.removeLevel(level);
                        }
                        stop = Stop.SELF_TRADE;
                        return;
                    }
                } else {
                    long lots = Math.min(want, maker.visibleLots);
                    fill(m, o, maker, level, lots);
                    if (maker.visibleLots > 0) {
                        next = maker;   // the taker is done; the next round finds it wants nothing more
                    } else if (maker.remainingLots() > 0) {
                        next = refreshIceberg(level, maker, next);
                    } else {
                        level.remove(maker);
                        close(maker);
                    }
                }
                maker = next;
            }
            opposite.removeLevel(level);   // every order of the level was taken or expired
        }
    }

    private static long remainingQuote(Order o) {
        return o.side == Side.BUY ? o.locked : o.quoteOrderQty - o.cumQuote;
    }

    /** Shows the iceberg's next slice at the back of its level; returns the order to match next. */
    private static Order refreshIceberg(PriceLevel level, Order maker, Order next) {
        long slice = Math.min(maker.icebergLots, maker.remainingLots());
        if (next == null) {
            maker.visibleLots = slice;
            level.visibleLots += slice;
            return maker;
        }
        level.remove(maker);
        maker.visibleLots = slice;
        level.append(maker);
        return next;
    }

    /** Applies the taker's STP mode against a maker of the same account; true when the taker is done. */
    private boolean preventSelfTrade(Market m, Order taker, Order maker, PriceLevel level) {
        StpMode mode = taker.stpMode;
        long makerLots = maker.remainingLots();
        long prevented = mode == StpMode.EXPIRE_MAKER || mode == StpMode.EXPIRE_BOTH || taker.isQuoteSized()
                ? makerLots : Math.min(makerLots, taker.remainingLots());
        listener.onPreventedMatch(new PreventedMatch(m.symbolId, m.nextPreventedMatchId++,
                taker.orderId, maker.orderId, taker.userId, maker.price, prevented * m.stepSize, mode, nowMs));
        switch (mode) {
            case EXPIRE_TAKER -> {
                expireInMatch(taker);
                return true;
            }
            case EXPIRE_MAKER -> {
                expireMakerInMatch(maker, level);
                return false;
            }
            case EXPIRE_BOTH -> {
                expireMakerInMatch(maker, level);
                expireInMatch(taker);
                return true;
            }
            case DECREMENT -> {
                if (taker.isQuoteSized()) {
                    expireInMatch(taker);
                    return true;
                }
                long lots = Math.min(taker.remainingLots(), maker.remainingLots());
                decrement(m, taker, lots);
                decrement(m, maker, lots);
                level.shrinkVisibleToRemaining(maker);
                if (maker.remainingLots() == 0) {
                    expireMakerInMatch(maker, level);
                } else {
                    listener.onOrder(maker, ExecType.TRADE_PREVENTION);
                }
                if (taker.remainingLots() == 0) {
                    expireInMatch(taker);
                    return true;
                }
                listener.onOrder(taker, ExecType.TRADE_PREVENTION);
                return false;
            }
            default -> throw new IllegalStateException("no STP needed for " + taker.stpMode);
        }
    }

    private void decrement(Market m, Order o, long lots) {
        if (o.ocoPeer != null) {
            expirePeer(m, o);
        }
        o.preventedLots += lots;
        o.updatedTimeMs = nowMs;
        releaseLots(o, lots);
    }

    private void expireInMatch(Order o) {
        o.status = OrderStatus.EXPIRED_IN_MATCH;
        o.updatedTimeMs = nowMs;
        listener.onOrder(o, ExecType.TRADE_PREVENTION);
    }

    private void expireMakerInMatch(Order maker, PriceLevel level) {
        level.remove(maker);
        expireInMatch(maker);
        close(maker);
    }

    /** Unlocks what {@code lots} fewer of a resting-style order no longer need (market buys settle at close). */
    private void releaseLots(Order o, long lots) {
        long amount = lots * o.lockPerLot();
        if (amount > 0) {
            int asset = markets[o.symbolId].spendAsset(o.side);
            long[] row = accounts.row(o.userId);
            AccountRow.unlock(row, asset, amount);
            o.locked -= amount;
            accounts.touch(o.userId, row, asset);
        }
    }

    /** Settles one fill of {@code lots} at the maker's level: both sides, fees, counters, and tells listeners. */
    private void fill(Market m, Order taker, Order maker, PriceLevel level, long lots) {
        long quote = lots * level.quotePerLot;
        long base = lots * m.stepSize;
        boolean buyerIsMaker = taker.side == Side.SELL;
        Order buyer = buyerIsMaker ? maker : taker;
        Order seller = buyerIsMaker ? taker : maker;
        // Rows were prepared for this market when the orders were placed (the fee account's when it was listed).
        long[] b = accounts.row(buyer.userId);
        long[] s = accounts.row(seller.userId);
        long[] fee = accounts.row(feeAccountId);
        int baseAsset = m.baseAssetId;
        int quoteAsset = m.quoteAssetId;

        long buyerLockUsed = buyer.isBudgetBuy() ? quote : lots * buyer.quotePerLot;
        AccountRow.debitLocked(b, quoteAsset, buyerLockUsed);
        buyer.locked -= buyerLockUsed;
        long buyerFee = Rates.applyFloor(base, fees.rate(AccountRow.feeTier(b), buyerIsMaker));
        AccountRow.credit(b, baseAsset, base - buyerFee);
        if (buyerLockUsed > quote) {
            AccountRow.credit(b, quoteAsset, buyerLockUsed - quote);
        }
        AccountRow.debitLocked(s, baseAsset, base);
        seller.locked -= base;
        long sellerFee = Rates.applyFloor(quote, fees.rate(AccountRow.feeTier(s), !buyerIsMaker));
        AccountRow.credit(s, quoteAsset, quote - sellerFee);
        AccountRow.credit(fee, baseAsset, buyerFee);
        AccountRow.credit(fee, quoteAsset, sellerFee);
        accounts.touch(buyer.userId, b, quoteAsset);
        accounts.touch(buyer.userId, b, baseAsset);
        accounts.touch(seller.userId, s, baseAsset);
        accounts.touch(seller.userId, s, quoteAsset);
        accounts.touch(feeAccountId, fee, baseAsset);
        accounts.touch(feeAccountId, fee, quoteAsset);

        taker.filledLots += lots;
        taker.cumQuote += quote;
        taker.updatedTimeMs = nowMs;
        if (taker.isQuoteSized()) {
            taker.origLots = taker.filledLots;
            taker.status = takerLotsAt(taker, level) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        } else {
            taker.updateStatusAfterFill();
        }
        maker.filledLots += lots;
        maker.cumQuote += quote;
        maker.visibleLots -= lots;
        maker.updatedTimeMs = nowMs;
        maker.updateStatusAfterFill();
        level.visibleLots -= lots;
        m.lastPrice = level.price;
        m.averagePrice.record(nowMs, lots, quote, level.quotePerLot);

        MutableTrade t = trade;
        t.tradeId = m.nextTradeId++;
        t.symbolId = m.symbolId;
        t.price = level.price;
        t.qty = base;
        t.quoteQty = quote;
        t.buyerOrderId = buyer.orderId;
        t.sellerOrderId = seller.orderId;
        t.buyerUserId = buyer.userId;
        t.sellerUserId = seller.userId;
        t.buyerIsMaker = buyerIsMaker;
        t.buyerFee = buyerFee;
        t.sellerFee = sellerFee;
        t.timeMs = nowMs;
        listener.onTrade(t, taker, maker);

        if (maker.ocoPeer != null) {
            expirePeer(m, maker);
        }
        if (taker.ocoPeer != null) {
            expirePeer(m, taker);
        }
    }

    /** Lots the taker could fill now, as its FOK check: own orders count only where STP lets them trade. */
    private static long fillableLots(Market m, Order o) {
        BookSide opposite = m.opposite(o.side);
        boolean buy = o.side == Side.BUY;
        long need = o.remainingLots();
        long found = 0;
        for (PriceLevel level = opposite.best(); level != null && found < need; level = opposite.nextWorse(level)) {
            if (buy ? level.price > o.price : level.price < o.price) {
                break;
            }
            for (Order maker = level.head; maker != null && found < need; maker = maker.next) {
                if (maker.userId == o.userId && o.stpMode != StpMode.NONE) {
                    if (o.stpMode != StpMode.EXPIRE_MAKER) {
                        return found;
                    }
                } else {
                    found += maker.remainingLots();
                }
            }
        }
        return found;
    }

    /** Fires every conditional order the last price reached, each as a new taker, until none is left. */
    private void processTriggers(Market m) {
        if (m.lastPrice == 0) {
            return;
        }
        while (true) {
            StopList list = m.stopsOnRise;
            Order o = list.firstTriggered(m.lastPrice);
            if (o == null) {
                list = m.stopsOnFall;
                o = list.firstTriggered(m.lastPrice);
            }
            if (o == null) {
                return;
            }
            list.remove(o);
            trigger(m, o);
        }
    }

    private void trigger(Market m, Order o) {
        o.triggered = true;
        o.updatedTimeMs = nowMs;
        long[] row = accounts.row(o.userId);
        AccountRow.addOpenAlgoOrder(row, m.symbolId, -1);
        boolean marketBuy = o.type.whenTriggered() == OrderType.MARKET && o.side == Side.BUY;
        if (marketBuy) {
            o.quotePerLot = 0;
        }
        if (o.ocoPeer != null) {
            expirePeer(m, o);
        }
        if (marketBuy) {
            // a market buy spends what the book asks now: top up the lock from free funds if it can
            long cost = OrderEntry.costToBuy(m, o.remainingLots());
            long extra = Math.min(cost - o.locked, AccountRow.free(row, m.quoteAssetId));
            if (extra > 0) {
                AccountRow.lock(row, m.quoteAssetId, extra);
                o.locked += extra;
                accounts.touch(o.userId, row, m.quoteAssetId);
            }
        }
        listener.onOrder(o, ExecType.TRIGGERED);
        execute(m, o);
    }

    /**
     * The other leg of an OCO expires once this leg traded or triggered. The list's lock (held by either leg)
     * goes to this leg as far as it needs it; the rest is released with the peer.
     */
    private void expirePeer(Market m, Order leg) {
        Order peer = leg.ocoPeer;
        leg.ocoPeer = null;
        peer.ocoPeer = null;
        long shared = leg.locked + peer.locked;
        long keep = leg.isBudgetBuy() ? shared : Math.min(shared, leg.remainingLots() * leg.lockPerLot());
        leg.locked = keep;
        peer.locked = shared - keep;
        end(m, peer, OrderStatus.EXPIRED, ExecType.EXPIRED);
    }

    // ------------------------------------------------------------------ cancel, amend, move

    public RejectReason cancel(CancelOrder c) {
        Market m = market(c.symbolId());
        if (m == null) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Order o = find(m, c.userId(), c.orderId(), c.origClientOrderId());
        if (o == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (!c.restriction().allows(o.status)) {
            return RejectReason.CANCEL_RESTRICTED;
        }
        cancelOrder(m, o);
        return RejectReason.NONE;
    }

    /** Cancels the order and, if it is in an OCO, the other leg too. */
    private void cancelOrder(Market m, Order o) {
        Order peer = o.ocoPeer;
        if (peer != null) {
            o.ocoPeer = null;
            peer.ocoPeer = null;
            cancelOne(m, peer);
        }
        cancelOne(m, o);
    }

    private void cancelOne(Market m, Order o) {
        end(m, o, OrderStatus.CANCELED, ExecType.CANCELED);
    }

    /** Takes an order off the book (or out of the stops), gives it its final status, tells, and closes it. */
    private void end(Market m, Order o, OrderStatus status, ExecType execType) {
        removeFromBook(m, o);
        o.status = status;
        o.updatedTimeMs = nowMs;
        listener.onOrder(o, execType);
        close(o);
    }

    public RejectReason cancelReplace(CancelReplace c) {
        RejectReason cancelled = cancel(c.cancel());
        if (cancelled != RejectReason.NONE && !c.allowFailure()) {
            return cancelled;
        }
        if (c.newOrder().symbolId() != c.cancel().symbolId() || c.newOrder().userId() != c.cancel().userId()) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        RejectReason placed = place(c.newOrder());
        return placed != RejectReason.NONE ? placed : cancelled;
    }

    public RejectReason cancelAll(CancelAllOrders c) {
        Market m = market(c.symbolId());
        if (m == null) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        List<Order> mine = new ArrayList<>();
        orders.forEach(o -> {
            if (o.symbolId == m.symbolId && o.userId == c.userId()) {
                mine.add(o);
            }
        });
        if (mine.isEmpty()) {
            return RejectReason.UNKNOWN_ORDER;
        }
        for (Order o : mine) {
            if (o.status.isOpen() && orders.get(o.orderId) == o) {
                cancelOrder(m, o);
            }
        }
        return RejectReason.NONE;
    }

    public RejectReason amend(AmendOrder c) {
        Market m = market(c.symbolId());
        if (m == null) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        Order o = find(m, c.userId(), c.orderId(), c.origClientOrderId());
        if (o == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (o.ocoPeer != null) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        if (c.newQuantity() <= 0 || c.newQuantity() % m.stepSize != 0) {
            return RejectReason.FILTER_LOT_SIZE;
        }
        long newLots = c.newQuantity() / m.stepSize;
        if (newLots >= o.origLots || newLots <= o.filledLots + o.preventedLots || o.isQuoteSized()) {
            return RejectReason.AMEND_NOT_A_DECREASE;
        }
        String newClientId = c.newClientOrderId();
        boolean renamed = newClientId != null && !newClientId.equals(o.clientOrderId);
        if (renamed && accounts.orderIdForClientId(o.userId, m.symbolId, newClientId) >= 0) {
            return RejectReason.DUPLICATE_ORDER;
        }
        if (renamed) {
            if (o.clientOrderId != null) {
                accounts.removeClientId(o.userId, m.symbolId, o.clientOrderId);
            }
            accounts.putClientId(o.userId, m.symbolId, newClientId, o.orderId);
            o.clientOrderId = newClientId;
        }
        long removed = o.origLots - newLots;
        o.origLots = newLots;
        if (o.quotePerLot != 0 || o.side == Side.SELL) {
            releaseLots(o, removed);
        }
        if (o.level != null) {
            o.level.shrinkVisibleToRemaining(o);
        }
        o.updatedTimeMs = nowMs;
        listener.onOrder(o, ExecType.REPLACED);
        return RejectReason.NONE;
    }

    public RejectReason move(MoveOrder c) {
        Market m = market(c.symbolId());
        RejectReason r = tradable(m);
        if (r != RejectReason.NONE) {
            return r;
        }
        Order o = find(m, c.userId(), c.orderId(), null);
        if (o == null) {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (o.level == null || o.ocoPeer != null) {
            return RejectReason.UNSUPPORTED_ORDER_COMBINATION;
        }
        long price = c.newPrice();
        if (!m.priceFilterOk(price)) {
            return RejectReason.FILTER_PRICE;
        }
        if (o.type == OrderType.LIMIT_MAKER && OrderEntry.crossesBest(m, o.side, price)) {
            return RejectReason.WOULD_MATCH_IMMEDIATELY;
        }
        long ticks = m.perTick.divide(price);
        long quotePerLot = ticks * m.quotePerLotTick;
        if (o.side == Side.BUY) {
            long[] row = accounts.row(o.userId);
            long need = SaturatingMath.multiply(o.remainingLots(), quotePerLot);
            if (need - o.locked > AccountRow.free(row, m.quoteAssetId)) {
                return RejectReason.INSUFFICIENT_BALANCE;
            }
            if (need > o.locked) {
                AccountRow.lock(row, m.quoteAssetId, need - o.locked);
            } else if (need < o.locked) {
                AccountRow.unlock(row, m.quoteAssetId, o.locked - need);
            }
            if (need != o.locked) {
                accounts.touch(o.userId, row, m.quoteAssetId);
            }
            o.locked = need;
        }
        removeFromBook(m, o);
        o.price = price;
        o.priceTicks = ticks;
        o.quotePerLot = quotePerLot;
        o.updatedTimeMs = nowMs;
        listener.onOrder(o, ExecType.REPLACED);
        execute(m, o);
        processTriggers(m);
        return RejectReason.NONE;
    }

    /** The user's open order on the symbol, by id or (id 0) by client order id; with both, they must agree. */
    private Order find(Market m, long userId, long orderId, String clientOrderId) {
        long id = orderId;
        if (id == 0) {
            if (clientOrderId == null) {
                return null;
            }
            id = accounts.orderIdForClientId(userId, m.symbolId, clientOrderId);
        }
        Order o = orders.get(id);
        if (o == null || o.symbolId != m.symbolId || o.userId != userId) {
            return null;
        }
        if (clientOrderId != null && !clientOrderId.equals(o.clientOrderId)) {
            return null;
        }
        return o;
    }

    private void removeFromBook(Market m, Order o) {
        PriceLevel level = o.level;
        if (level != null) {
            level.remove(o);
            if (level.isEmpty()) {
                m.side(o.side).removeLevel(level);
            }
        } else if (o.type.isConditional() && !o.triggered) {
            m.stopsFor(o.side, OrderEntry.isStopLoss(o.type)).remove(o);
        }
    }

    /**
     * An order is done: unlock what it still holds, forget it and return it to the pool. A leg of an OCO that
     * ends while its peer is still linked (self-trade prevention expired it) takes the list down: the peer
     * expires and the list's shared lock is released with it.
     */
    private void close(Order o) {
        Market m = markets[o.symbolId];
        Order peer = o.ocoPeer;
        if (peer != null) {
            o.ocoPeer = null;
            peer.ocoPeer = null;
            o.locked += peer.locked;
            peer.locked = 0;
            end(m, peer, OrderStatus.EXPIRED, ExecType.EXPIRED);
        }
        long[] row = accounts.row(o.userId);
        if (o.locked > 0) {
            int asset = m.spendAsset(o.side);
            AccountRow.unlock(row, asset, o.locked);
            accounts.touch(o.userId, row, asset);
            o.locked = 0;
        }
        AccountRow.addOpenOrder(row, o.symbolId, -1);
        if (o.type.isConditional() && !o.triggered) {
            AccountRow.addOpenAlgoOrder(row, o.symbolId, -1);
        }
        if (o.clientOrderId != null) {
            accounts.removeClientId(o.userId, o.symbolId, o.clientOrderId);
        }
        orders.remove(o.orderId);
        releaseOrder(o);
    }

    // ------------------------------------------------------------------ snapshot

    /**
     * Writes the books' dynamic state: counters, last prices, every open order in queue order. Specs and
     * balances are the caller's to write; {@link #readFrom} expects the same specs and balances restored.
     */
    public void writeTo(DataOutput out) throws IOException {
        BookSnapshot.write(this, out);
    }

    /** Reads what {@link #writeTo} wrote, in snapshot format {@code version} (older ones lack some fields). */
    public void readFrom(DataInput in, int version) throws IOException {
        BookSnapshot.read(this, in, version);
    }

    // ------------------------------------------------------------------ plumbing

    private Market market(int symbolId) {
        return symbolId >= 0 && symbolId < marketCount ? markets[symbolId] : null;
    }

    /** Whether new orders may go to this market (null: no such symbol). */
    private static RejectReason tradable(Market m) {
        if (m == null) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        return m.isTrading() ? RejectReason.NONE : RejectReason.MARKET_CLOSED;
    }

    Order acquireOrder() {
        Order o = poolSize == 0 ? new Order() : pool[--poolSize];
        o.reset();
        return o;
    }

    private void releaseOrder(Order o) {
        o.clientOrderId = null;
        o.ocoPeer = null;
        if (poolSize == pool.length) {
            pool = Arrays.copyOf(pool, poolSize * 2);
        }
        pool[poolSize++] = o;
    }
}
