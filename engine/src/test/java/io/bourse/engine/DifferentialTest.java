package io.bourse.engine;

import io.bourse.engine.command.Command;
import io.bourse.engine.command.PlaceOco;
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
    private static final int USERS = 6;

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
                "reject FILTER_MAX_NUM_ORDERS", "reject DUPLICATE_ORDER", "reject OCO_BAD_PRICES", "reject CANCEL_RESTRICTED",
                "oco")) {
            assertThat(COVERAGE).as("the streams never produced " + mustHappen).containsKey(mustHappen);
        }
    }

    private static void count(String what) {
        COVERAGE.merge(what, 1L, Long::sum);
    }

    private static final class Run implements RandomCommands.OrderSource {
        final Random rnd;
        final RandomCommands commands;
        final EventLog log = new EventLog();
        final Engine engine = new Engine(log, 0);
        final ReferenceExchange ref = new ReferenceExchange(0);
        final List<SymbolSpec> specs = new ArrayList<>();
        long sequence;
        long timeMs = 1_700_000_000_000L;
        final EventLog twinLog = new EventLog();
        /** A second engine restored from a snapshot of the first, fed the same commands; null until then. */
        Engine twin;

        Run(Random rnd) {
            this.rnd = rnd;
            this.commands = new RandomCommands(rnd, USERS, this);
        }

        void setUp() {
            commands.setUp().forEach(this::apply);
            specs.addAll(commands.specs());
        }

        void step(int i) {
            timeMs += rnd.nextInt(20_000);
            apply(commands.next());
        }

        /** An open order of the user on the symbol most of the time; sometimes anyone's, or no order at all. */
        @Override
        public long someOrder(int sym, long user, Random rnd) {
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

        @Override
        public String clientIdOf(long orderId) {
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
