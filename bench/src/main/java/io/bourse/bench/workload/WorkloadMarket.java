package io.bourse.bench.workload;

import io.bourse.engine.Engine;
import io.bourse.engine.EngineListener;
import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.market.SymbolSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The workload's market as engine commands: BTC (8 decimals) and USDT (6 decimals, so 1,000 users × 10^9 USDT
 * stays inside one asset's supply limit), BTCUSDT with tick 0.01 USDT and lot 0.001 BTC, maker 0.08 % and taker
 * 0.10 %, no self-trade prevention, and users 1..1000 funded with 10^6 BTC and 10^9 USDT each.
 *
 * <p>The engine numbers accepted orders 1, 2, 3, … exactly as the workload numbers its GTC and IOC rows, and a
 * MOVE keeps the order's id, so workload order ids are engine order ids.
 */
public final class WorkloadMarket {
    public static final int SYMBOL = 0;
    public static final long TICK = 10_000L;        // 0.01 USDT at 6 decimals
    public static final long LOT = 100_000L;        // 0.001 BTC at 8 decimals
    public static final int USERS = 1_000;
    public static final long MAKER_RATE = 80_000L;  // 0.08 %
    public static final long TAKER_RATE = 100_000L; // 0.10 %

    private WorkloadMarket() {
    }

    /** A new engine with the market listed and every user funded (sequences 1..{@link #setupCount()}). */
    public static Engine newEngine(EngineListener listener) {
        Engine engine = new Engine(listener, 0);
        long seq = 0;
        for (Command c : setupCommands()) {
            require(engine.apply(++seq, 0, c), c);
        }
        return engine;
    }

    /** The market listed and every user funded, as commands. */
    public static List<Command> setupCommands() {
        List<Command> out = new ArrayList<>(List.of(
            new AddAsset("BTC", 8),
            new AddAsset("USDT", 6),
            new AddSymbol(new SymbolSpec(0, "BTCUSDT", 0, 1, SymbolStatus.TRADING,
                    new SymbolSpec.PriceFilter(TICK, 100_000_000 * TICK, TICK),
                    new SymbolSpec.LotSize(LOT, 100_000 * LOT, LOT),
                    new SymbolSpec.LotSize(LOT, 100_000 * LOT, LOT),
                    new SymbolSpec.NotionalFilter(0, false, 0, false, 5),
                    null, 200, 5, 10, StpMode.NONE)),
            new SetFeeTier(0, MAKER_RATE, TAKER_RATE)));
        for (long user = 1; user <= USERS; user++) {
            out.add(new Deposit(user, 0, 1_000_000L * 100_000_000L, 0));
            out.add(new Deposit(user, 1, 1_000_000_000L * 1_000_000L, 0));
        }
        return out;
    }

    /** How many setup commands there are: the last sequence {@link #newEngine} used. */
    public static long setupCount() {
        return setupCommands().size();
    }

    /** Every workload row as the engine command it stands for, built before any timing starts. */
    public static Command[] commands(WorkloadStream w) {
        Command[] out = new Command[w.rows()];
        for (int i = 0; i < w.rows(); i++) {
            out[i] = command(w, i);
        }
        return out;
    }

    /** Row {@code i} as an engine command. */
    public static Command command(WorkloadStream w, int i) {
        Side side = w.bid()[i] ? Side.BUY : Side.SELL;
        long uid = w.uid()[i];
        return switch (w.type()[i]) {
            case WorkloadStream.GTC -> PlaceOrder.limit(SYMBOL, uid, side, w.price()[i] * TICK, w.lots()[i] * LOT,
                    TimeInForce.GTC);
            case WorkloadStream.IOC -> PlaceOrder.limit(SYMBOL, uid, side, w.price()[i] * TICK, w.lots()[i] * LOT,
                    TimeInForce.IOC);
            case WorkloadStream.CANCEL -> CancelOrder.byId(SYMBOL, uid, w.orderId()[i]);
            case WorkloadStream.MOVE -> new MoveOrder(SYMBOL, uid, w.orderId()[i], w.price()[i] * TICK);
            default -> throw new IllegalArgumentException("row " + i);
        };
    }

    private static void require(RejectReason r, Object what) {
        if (r != RejectReason.NONE) {
            throw new IllegalStateException("setup failed: " + what + " -> " + r);
        }
    }
}
