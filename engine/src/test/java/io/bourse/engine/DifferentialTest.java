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
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.command.WithdrawRelease;
import io.bourse.engine.command.WithdrawSettle;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine and {@link ReferenceExchange} receive the same random command streams; after every command they
 * must agree on the outcome, the trades, every order event, every balance, the open orders and the books, and
 * the engine's invariants (conservation first) must hold. Each try is one seed; the stream mixes limit orders
 * of every time in force, market orders by quantity and by quote, post-only, icebergs, stops and take-profits,
 * OCO lists, all STP modes, cancels, amends, moves, cancel-replace, cancel-all, deposits, withdrawals and
 * trading halts.
 *
 * <p>{@code -Dbourse.diff.commands=N} sets the commands per seed (default 5 000; the default 400 tries make two
 * million commands).
 */
class DifferentialTest {
    private static final int COMMANDS = Integer.getInteger("bourse.diff.commands", 5_000);
    private static final long ONE = 100_000_000L;
    private static final int USERS = 6;
    private static final int BTC = 0;
    private static final int USDT = 1;
    private static final int ETH = 2;

    /** What the streams exercised, over all tries: event kinds, execution types, rejections. */
    private static final Map<String, Long> COVERAGE = new java.util.concurrent.ConcurrentSkipListMap<>();

    @Property(tries = 400, seed = "20261122")
    void engineAgreesWithTheReferenceModel(@ForAll long seed) {
        Run run = new Run(new Random(seed));
        run.setUp();
        for (int i = 0; i < COMMANDS; i++) {
            run.step(i);
        }
    }

    /** Snapshot at a random point, restore, and the restored engine says and ends exactly what the original does. */
    @Property(tries = 30, seed = "20261123")
    void restoredSnapshotContinuesLikeTheOriginal(@ForAll long seed) throws java.io.IOException {
        Run run = new Run(new Random(seed));
        run.setUp();
        int restoreAt = run.rnd.nextInt(COMMANDS / 2);
        for (int i = 0; i < COMMANDS; i++) {
            if (i == restoreAt) {
                run.twin = Engine.restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(
                        io.bourse.engine.snapshot.Snapshots.toBytes(run.engine))), run.twinLog);
            }
            run.step(i);
        }
        assertThat(run.twin.stateHash()).isEqualTo(run.engine.stateHash());
    }

    @AfterContainer
    static void coverageShowsEveryPathWasExercised() {
        System.out.println("differential coverage: " + COVERAGE);
        for (String mustHappen : List.of("trade", "NEW", "CANCELED", "EXPIRED", "REPLACED", "TRADE_PREVENTION",
                "TRIGGERED", "EXPIRED_IN_MATCH", "FILLED", "reject INSUFFICIENT_BALANCE", "reject UNKNOWN_ORDER",
                "reject MARKET_CLOSED", "reject WOULD_MATCH_IMMEDIATELY", "reject FILTER_PERCENT_PRICE_BY_SIDE",
                "reject FILTER_MAX_NUM_ORDERS", "reject DUPLICATE_ORDER", "reject OCO_BAD_PRICES", "oco")) {
            assertThat(COVERAGE).as("the streams never produced " + mustHappen).containsKey(mustHappen);
        }
    }

    private static void count(String what) {
        COVERAGE.merge(what, 1L, Long::sum);
    }

    private static final class Run {
        final Random rnd;
        final EventLog log = new EventLog();
        final Engine engine = new Engine(log, 0);
        final ReferenceExchange ref = new ReferenceExchange(0);
        final List<SymbolSpec> specs = new ArrayList<>();
        long sequence;
        long timeMs = 1_700_000_000_000L;
        long nextWithdrawal = 1;
        final List<Long> heldWithdrawals = new ArrayList<>();
        final EventLog twinLog = new EventLog();
        /** A second engine restored from a snapshot of the first, fed the same commands; null until then. */
        Engine twin;

        Run(Random rnd) {
            this.rnd = rnd;
        }

        void setUp() {
            apply(new AddAsset("BTC", 8));
            apply(new AddAsset("USDT", 8));
            apply(new AddAsset("ETH", 8));
            // BTCUSDT: tick 1 USDT, step 0.001 BTC, prices 100..140
            add(new SymbolSpec(0, "BTCUSDT", BTC, USDT, SymbolStatus.TRADING,
                    new SymbolSpec.PriceFilter(ONE, 1_000 * ONE, ONE),
                    new SymbolSpec.LotSize(100_000, 1_000 * ONE, 100_000),
                    new SymbolSpec.LotSize(100_000, 5 * ONE, 100_000),
                    new SymbolSpec.NotionalFilter(ONE / 100, rnd.nextBoolean(), 500 * ONE, false, 1),
                    null, 8, 3, 5, StpMode.NONE));
            // ETHBTC: percent band and a default STP mode
            add(new SymbolSpec(0, "ETHBTC", ETH, BTC, SymbolStatus.TRADING,
                    new SymbolSpec.PriceFilter(100_000, 100 * ONE, 100_000),
                    new SymbolSpec.LotSize(1_000_000, 1_000 * ONE, 1_000_000),
                    new SymbolSpec.LotSize(1_000_000, 10 * ONE, 1_000_000),
                    new SymbolSpec.NotionalFilter(0, false, 0, false, 0),
                    new SymbolSpec.PercentPriceBySide(Rates.ONE * 12 / 10, Rates.ONE / 2, Rates.ONE * 2,
                            Rates.ONE * 8 / 10, 2), 6, 3, 5, StpMode.EXPIRE_MAKER));
            apply(new SetFeeTier(0, 100_000, 200_000));
            apply(new SetFeeTier(1, 0, 50_000));
            apply(new SetFeeTier(2, 333_333, 777_777));
            for (long u = 1; u <= USERS; u++) {
                apply(new SetUserFeeTier(u, rnd.nextInt(3)));
                boolean poor = u == USERS;
                apply(new Deposit(u, BTC, poor ? ONE / 10 : 20 * ONE, u));
                apply(new Deposit(u, USDT, poor ? 20 * ONE : 5_000 * ONE, u));
                apply(new Deposit(u, ETH, poor ? ONE : 100 * ONE, u));
            }
        }

        void add(SymbolSpec spec) {
            apply(new AddSymbol(spec));
            specs.add(spec);
        }

        void step(int i) {
            timeMs += rnd.nextInt(20_000);
            apply(randomCommand());
        }

        Command randomCommand() {
            int sym = rnd.nextInt(10) < 7 ? 0 : 1;
            long user = 1 + rnd.nextInt(USERS);
            int r = rnd.nextInt(100);
            if (r < 38) {
                return limit(sym, user);
            } else if (r < 46) {
                return market(sym, user);
            } else if (r < 49) {
                return stop(sym, user);
            } else if (r < 52) {
                return oco(sym, user);
            } else if (r < 66) {
                long id = someOrder(sym, user);
                return rnd.nextInt(10) == 0 && clientIdOf(id) != null
                        ? new CancelOrder(sym, user, 0, clientIdOf(id))
                        : CancelOrder.byId(sym, user, id);
            } else if (r < 72) {
                long id = someOrder(sym, user);
                long qty = rnd.nextInt(40) * stepSize(sym);
                return rnd.nextInt(10) == 0 && clientIdOf(id) != null
                        ? new AmendOrder(sym, user, 0, clientIdOf(id), qty)
                        : AmendOrder.byId(sym, user, id, qty);
            } else if (r < 82) {
                return new MoveOrder(sym, user, someOrder(sym, user), price(sym));
            } else if (r < 84) {
                return new CancelAllOrders(sym, user);
            } else if (r < 88) {
                return new CancelReplace(CancelOrder.byId(sym, user, someOrder(sym, user)), limit(sym, user),
                        rnd.nextBoolean());
            } else if (r < 91) {
                return new Deposit(user, rnd.nextInt(3), rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1_000_000_000),
                        i());
            } else if (r < 95) {
                return new WithdrawHold(nextWithdrawal, user, rnd.nextInt(3), 1 + rnd.nextInt(2_000_000_000));
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

        long i() {
            return sequence;
        }

        long stepSize(int sym) {
            return specs.get(sym).lotSize().stepSize();
        }

        /** A price on a narrow grid, so orders cross often. */
        long price(int sym) {
            return sym == 0 ? (100 + rnd.nextInt(41)) * ONE : (8 + rnd.nextInt(9)) * (ONE / 100);
        }

        long qty(int sym) {
            int lots = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(400) : 1 + rnd.nextInt(30);
            return lots * stepSize(sym);
        }

        StpMode stp() {
            return rnd.nextInt(3) == 0 ? StpMode.values()[rnd.nextInt(StpMode.values().length)] : null;
        }

        Side side() {
            return rnd.nextBoolean() ? Side.BUY : Side.SELL;
        }

        String clientId() {
            return rnd.nextInt(4) == 0 ? "c" + rnd.nextInt(12) : null;
        }

        PlaceOrder limit(int sym, long user) {
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

        PlaceOrder market(int sym, long user) {
            Side side = side();
            if (rnd.nextBoolean()) {
                return new PlaceOrder(sym, user, side, OrderType.MARKET, null, 0, qty(sym), 0, 0, 0, stp(), null);
            }
            long quote = sym == 0 ? (1 + rnd.nextInt(3_000)) * ONE / 10 : (1 + rnd.nextInt(500)) * ONE / 1000;
            return new PlaceOrder(sym, user, side, OrderType.MARKET, null, 0, 0, quote, 0, 0, stp(), null);
        }

        PlaceOrder stop(int sym, long user) {
            OrderType type = new OrderType[] {OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT,
                    OrderType.TAKE_PROFIT_LIMIT}[rnd.nextInt(4)];
            boolean limit = type.hasLimitPrice();
            return new PlaceOrder(sym, user, side(), type, limit ? TimeInForce.values()[rnd.nextInt(3)] : null,
                    limit ? price(sym) : 0, qty(sym), 0, price(sym), 0, stp(), clientId());
        }

        /** An OCO with legs of random types around random prices (so some are refused, as they should be). */
        PlaceOco oco(int sym, long user) {
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
                    tifFor(belowType), clientId(), stp());
        }

        TimeInForce tifFor(OrderType type) {
            return type == OrderType.STOP_LOSS_LIMIT || type == OrderType.TAKE_PROFIT_LIMIT ? TimeInForce.GTC : null;
        }

        /** An open order of the user on the symbol most of the time; sometimes anyone's, or no order at all. */
        long someOrder(int sym, long user) {
            List<Long> candidates = new ArrayList<>();
            for (ReferenceExchange.Ord o : ref.open.values()) {
                if (o.symbolId == sym && (o.user == user || rnd.nextInt(10) == 0)) {
                    candidates.add(o.id);
                }
            }
            if (candidates.isEmpty() || rnd.nextInt(15) == 0) {
                return rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1_000_000);
            }
            return candidates.get(rnd.nextInt(candidates.size()));
        }

        String clientIdOf(long orderId) {
            ReferenceExchange.Ord o = ref.open.get(orderId);
            return o == null ? null : o.clientId;
        }

        void apply(Command command) {
            sequence++;
            RejectReason expected = ref.apply(timeMs, command);
            RejectReason actual = engine.apply(sequence, timeMs, command);
            String where = "command #" + sequence + " " + command;
            assertThat(actual).as(where).isEqualTo(expected);
            if (command instanceof PlaceOco && actual == RejectReason.NONE) {
                count("oco");
            }
            if (command instanceof WithdrawHold h && actual == RejectReason.NONE) {
                heldWithdrawals.add(h.withdrawalId());
                nextWithdrawal++;
            }
            List<EventLog.Event> all = log.drain();
            if (twin != null) {
                assertThat(twin.apply(sequence, timeMs, command)).as(where).isEqualTo(actual);
                assertThat(twinLog.drain()).as("restored engine, " + where).isEqualTo(all);
            }
            List<EventLog.Event> engineEvents = all.stream()
                    .filter(e -> !(e instanceof EventLog.BalanceEvent) && !(e instanceof EventLog.FundsEvent))
                    .toList();
            assertThat(engineEvents).as(where).isEqualTo(List.copyOf(ref.events));
            for (EventLog.Event e : engineEvents) {
                switch (e) {
                    case EventLog.TradeEvent t -> {
                        count("trade");
                        count(t.takerStatus().name());
                        count(t.makerStatus().name());
                    }
                    case EventLog.OrderEvent o -> {
                        count(o.execType().name());
                        count(o.status().name());
                    }
                    case EventLog.Rejected rj -> count("reject " + rj.reason());
                    default -> { }
                }
            }
            ref.events.clear();
            assertThat(balances(engine)).as(where).isEqualTo(referenceBalances());
            assertThat(openOrders(engine)).as(where).isEqualTo(referenceOpenOrders());
            for (int sym = 0; sym < specs.size(); sym++) {
                for (Side side : Side.values()) {
                    assertThat(depth(engine, sym, side)).as(where + " book " + sym + " " + side)
                            .isEqualTo(referenceDepth(sym, side));
                }
            }
            assertThat(Invariants.violations(engine)).as(where).isEmpty();
        }

        static Map<String, String> balances(Engine engine) {
            Map<String, String> out = new TreeMap<>();
            engine.forEachAccount(a -> {
                for (int asset = 0; asset < 3; asset++) {
                    out.put(a.userId() + "/" + asset, a.free(asset) + "/" + a.locked(asset));
                }
            });
            return out;
        }

        Map<String, String> referenceBalances() {
            Map<String, String> out = new TreeMap<>();
            ref.balances.forEach((user, assets) -> {
                for (int asset = 0; asset < 3; asset++) {
                    long[] b = assets.getOrDefault(asset, new long[2]);
                    out.put(user + "/" + asset, b[0] + "/" + b[1]);
                }
            });
            return out;
        }

        static Map<Long, String> openOrders(Engine engine) {
            Map<Long, String> out = new TreeMap<>();
            engine.books().forEachOpenOrder(o -> out.put(o.orderId(), o.status() + " " + o.price() + " "
                    + o.leavesQty() + " " + o.executedQty() + " " + o.isOnBook() + " "
                    + engine.books().lockedFor(o.orderId())));
            return out;
        }

        Map<Long, String> referenceOpenOrders() {
            Map<Long, String> out = new TreeMap<>();
            ref.open.values().forEach(o -> out.put(o.id, o.status + " " + o.price + " " + o.remaining() + " "
                    + o.filled + " " + o.onBook + " " + o.locked));
            return out;
        }

        static List<String> depth(Engine engine, int sym, Side side) {
            List<String> out = new ArrayList<>();
            for (int d = 0; d < engine.books().levelCount(sym, side); d++) {
                out.add(engine.books().levelPrice(sym, side, d) + "x" + engine.books().levelQty(sym, side, d));
            }
            return out;
        }

        List<String> referenceDepth(int sym, Side side) {
            TreeMap<Long, Long> levels = side == Side.BUY ? new TreeMap<>(java.util.Comparator.reverseOrder())
                    : new TreeMap<>();
            ref.open.values().stream().filter(o -> o.symbolId == sym && o.onBook && o.side == side)
                    .forEach(o -> levels.merge(o.price, o.visible, Long::sum));
            List<String> out = new ArrayList<>();
            levels.forEach((p, q) -> out.add(p + "x" + q));
            return out;
        }
    }
}
