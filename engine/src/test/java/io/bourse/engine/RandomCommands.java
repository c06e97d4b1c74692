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
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random command streams over two small markets (BTCUSDT, ETHBTC) and a handful of users, on a narrow price grid
 * so orders cross often: limit orders of every time in force, market orders by quantity and by quote, post-only,
 * icebergs, stops and take-profits, OCO lists, all STP modes, cancels, amends, moves, cancel-replace,
 * cancel-all, deposits, withdrawals and trading halts. Some commands are meant to be refused.
 */
public final class RandomCommands {
    public static final long ONE = 100_000_000L;
    public static final int BTC = 0;
    public static final int USDT = 1;
    public static final int ETH = 2;
    public static final int ASSETS = 3;

    /** Where cancels, amends and moves find their targets. */
    public interface OrderSource {
        /** An open order of the user on the symbol, or any other id (unknown ones exercise refusals). */
        long someOrder(int symbolId, long userId, Random rnd);

        /** The client order id of an open order, or null. */
        String clientIdOf(long orderId);
    }

    private final Random rnd;
    private final int users;
    private final OrderSource orders;
    private final List<SymbolSpec> specs = new ArrayList<>();
    private long nextWithdrawal = 1;
    private long nextReference = 1;
    private final List<Long> heldWithdrawals = new ArrayList<>();

    public RandomCommands(Random rnd, int users, OrderSource orders) {
        this.rnd = rnd;
        this.users = users;
        this.orders = orders;
    }

    /** Assets, both symbols, three fee tiers, and every user funded (the last one poorly). */
    public List<Command> setUp() {
        List<Command> out = new ArrayList<>();
        out.add(new AddAsset("BTC", 8));
        out.add(new AddAsset("USDT", 8));
        out.add(new AddAsset("ETH", 8));
        // BTCUSDT: tick 1 USDT, step 0.001 BTC, prices 100..140
        specs.add(new SymbolSpec(0, "BTCUSDT", BTC, USDT, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(ONE, 1_000 * ONE, ONE),
                new SymbolSpec.LotSize(100_000, 1_000 * ONE, 100_000),
                new SymbolSpec.LotSize(100_000, 5 * ONE, 100_000),
                new SymbolSpec.NotionalFilter(ONE / 100, rnd.nextBoolean(), 500 * ONE, false, 1),
                null, 8, 3, 5, StpMode.NONE));
        // ETHBTC: percent band and a default STP mode
        specs.add(new SymbolSpec(0, "ETHBTC", ETH, BTC, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(100_000, 100 * ONE, 100_000),
                new SymbolSpec.LotSize(1_000_000, 1_000 * ONE, 1_000_000),
                new SymbolSpec.LotSize(1_000_000, 10 * ONE, 1_000_000),
                new SymbolSpec.NotionalFilter(0, false, 0, false, 0),
                new SymbolSpec.PercentPriceBySide(Rates.ONE * 12 / 10, Rates.ONE / 2, Rates.ONE * 2,
                        Rates.ONE * 8 / 10, 2), 6, 3, 5, StpMode.EXPIRE_MAKER));
        specs.forEach(s -> out.add(new AddSymbol(s)));
        out.add(new SetFeeTier(0, 100_000, 200_000));
        out.add(new SetFeeTier(1, 0, 50_000));
        out.add(new SetFeeTier(2, 333_333, 777_777));
        for (long u = 1; u <= users; u++) {
            out.add(new SetUserFeeTier(u, rnd.nextInt(3)));
            boolean poor = u == users;
            out.add(new Deposit(u, BTC, poor ? ONE / 10 : 20 * ONE, 0));
            out.add(new Deposit(u, USDT, poor ? 20 * ONE : 5_000 * ONE, 0));
            out.add(new Deposit(u, ETH, poor ? ONE : 100 * ONE, 0));
        }
        return out;
    }

    public List<SymbolSpec> specs() {
        return specs;
    }

    public Command next() {
        int sym = rnd.nextInt(10) < 7 ? 0 : 1;
        long user = 1 + rnd.nextInt(users);
        int r = rnd.nextInt(100);
        if (r < 38) {
            PlaceOrder order = limit(sym, user);
            return rnd.nextInt(25) == 0 ? new TestOrder(order) : order;
        } else if (r < 46) {
            return market(sym, user);
        } else if (r < 49) {
            return stop(sym, user);
        } else if (r < 52) {
            return oco(sym, user);
        } else if (r < 66) {
            long id = orders.someOrder(sym, user, rnd);
            CancelOrder cancel = rnd.nextInt(10) == 0 && orders.clientIdOf(id) != null
                    ? new CancelOrder(sym, user, 0, orders.clientIdOf(id))
                    : CancelOrder.byId(sym, user, id);
            if (rnd.nextInt(8) == 0) {
                cancel = cancel.withRestriction(CancelRestriction.values()[1 + rnd.nextInt(2)]);
            }
            return rnd.nextInt(4) == 0 ? cancel.withNewClientOrderId("cancel-" + rnd.nextInt(1000)) : cancel;
        } else if (r < 72) {
            long id = orders.someOrder(sym, user, rnd);
            long qty = rnd.nextInt(40) * stepSize(sym);
            AmendOrder amend = rnd.nextInt(10) == 0 && orders.clientIdOf(id) != null
                    ? new AmendOrder(sym, user, 0, orders.clientIdOf(id), qty, null)
                    : AmendOrder.byId(sym, user, id, qty);
            // a new client id: sometimes fresh, sometimes one another order of the user may hold
            return switch (rnd.nextInt(4)) {
                case 0 -> amend.withNewClientOrderId("amended-" + rnd.nextInt(1_000_000));
                case 1 -> amend.withNewClientOrderId(orders.clientIdOf(orders.someOrder(sym, user, rnd)));
                default -> amend;
            };
        } else if (r < 82) {
            return new MoveOrder(sym, user, orders.someOrder(sym, user, rnd), price(sym));
        } else if (r < 84) {
            return new CancelAllOrders(sym, user);
        } else if (r < 88) {
            return new CancelReplace(CancelOrder.byId(sym, user, orders.someOrder(sym, user, rnd)),
                    limit(sym, user), rnd.nextBoolean());
        } else if (r < 91) {
            long reference = nextReference > 1 && rnd.nextInt(8) == 0 ? 1 + rnd.nextInt((int) nextReference - 1)
                    : nextReference++;
            return new Deposit(user, rnd.nextInt(3), rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1_000_000_000),
                    reference);
        } else if (r < 95) {
            long id = nextWithdrawal++;
            heldWithdrawals.add(id);
            return new WithdrawHold(id, user, rnd.nextInt(3), 1 + rnd.nextInt(2_000_000_000));
        } else if (r < 98) {
            if (heldWithdrawals.isEmpty()) {
                return new WithdrawSettle(9_999_999);
            }
            long id = heldWithdrawals.remove(rnd.nextInt(heldWithdrawals.size()));
            return rnd.nextBoolean() ? new WithdrawSettle(id) : new WithdrawRelease(id);
        } else {
            SymbolStatus status = rnd.nextInt(8) == 0 ? SymbolStatus.HALT : SymbolStatus.TRADING;
            return new SetSymbolStatus(sym, status);
        }
    }

    private long stepSize(int sym) {
        return specs.get(sym).lotSize().stepSize();
    }

    private long price(int sym) {
        return sym == 0 ? (100 + rnd.nextInt(41)) * ONE : (8 + rnd.nextInt(9)) * (ONE / 100);
    }

    private long qty(int sym) {
        int lots = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(400) : 1 + rnd.nextInt(30);
        return lots * stepSize(sym);
    }

    private StpMode stp() {
        return rnd.nextInt(3) == 0 ? StpMode.values()[rnd.nextInt(StpMode.values().length)] : null;
    }

    private Side side() {
        return rnd.nextBoolean() ? Side.BUY : Side.SELL;
    }

    private String clientId() {
        return rnd.nextInt(4) == 0 ? "c" + rnd.nextInt(12) : null;
    }

    private PlaceOrder limit(int sym, long user) {
        int k = rnd.nextInt(20);
        long qty = qty(sym);
        if (k == 0) {
            return new PlaceOrder(sym, user, side(), OrderType.LIMIT_MAKER, null, price(sym), qty, 0, 0, 0, stp(),
                    clientId());
        }
        TimeInForce tif = k < 14 ? TimeInForce.GTC : k < 17 ? TimeInForce.IOC : TimeInForce.FOK;
        long iceberg = tif == TimeInForce.GTC && rnd.nextInt(8) == 0 ? (1 + rnd.nextInt(5)) * stepSize(sym) : 0;
        return new PlaceOrder(sym, user, side(), OrderType.LIMIT, tif, price(sym), qty, 0, 0, iceberg, stp(),
                clientId());
    }

    private PlaceOrder market(int sym, long user) {
        Side side = side();
        if (rnd.nextBoolean()) {
            return new PlaceOrder(sym, user, side, OrderType.MARKET, null, 0, qty(sym), 0, 0, 0, stp(), null);
        }
        long quote = sym == 0 ? (1 + rnd.nextInt(3_000)) * ONE / 10 : (1 + rnd.nextInt(500)) * ONE / 1000;
        return new PlaceOrder(sym, user, side, OrderType.MARKET, null, 0, 0, quote, 0, 0, stp(), null);
    }

    private PlaceOrder stop(int sym, long user) {
        OrderType type = new OrderType[] {OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT,
                OrderType.TAKE_PROFIT_LIMIT}[rnd.nextInt(4)];
        boolean limit = type.hasLimitPrice();
        return new PlaceOrder(sym, user, side(), type, limit ? TimeInForce.values()[rnd.nextInt(3)] : null,
                limit ? price(sym) : 0, qty(sym), 0, price(sym), 0, stp(), clientId());
    }

    /** An OCO with legs of random types around random prices (so some are refused, as they should be). */
    private PlaceOco oco(int sym, long user) {
        Side side = side();
        OrderType limitLeg = new OrderType[] {OrderType.LIMIT_MAKER, OrderType.TAKE_PROFIT,
                OrderType.TAKE_PROFIT_LIMIT}[rnd.nextInt(3)];
        OrderType stopLeg = rnd.nextBoolean() ? OrderType.STOP_LOSS : OrderType.STOP_LOSS_LIMIT;
        OrderType aboveType = side == Side.SELL ? limitLeg : stopLeg;
        OrderType belowType = side == Side.SELL ? stopLeg : limitLeg;
        long p1 = price(sym);
        long p2 = price(sym);
        long high = Math.max(p1, p2);
        long low = Math.min(p1, p2);
        return new PlaceOco(sym, user, side, qty(sym),
                aboveType, aboveType.hasLimitPrice() ? high : 0, aboveType.isConditional() ? high : 0,
                tifFor(aboveType), clientId(),
                belowType, belowType.hasLimitPrice() ? low : 0, belowType.isConditional() ? low : 0,
                tifFor(belowType), clientId(), stp(), rnd.nextBoolean() ? null : "list-" + rnd.nextInt(1000));
    }

    private static TimeInForce tifFor(OrderType type) {
        return type == OrderType.STOP_LOSS_LIMIT || type == OrderType.TAKE_PROFIT_LIMIT ? TimeInForce.GTC : null;
    }
}
