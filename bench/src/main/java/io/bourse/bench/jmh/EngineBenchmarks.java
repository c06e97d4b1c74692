package io.bourse.bench.jmh;

import io.bourse.bench.workload.WorkloadMarket;
import io.bourse.engine.Engine;
import io.bourse.engine.EngineListener;
import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The engine's basic operations on a realistic book (the workload market with 1 000 resting orders on about 500
 * levels around 60 000 USDT). Every command object is built in setup, so what a benchmark allocates is what the
 * engine allocates ({@code bench/run jmh -prof gc}). Each operation applies two commands so the book returns to
 * the same state; figures are per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class EngineBenchmarks {
    private static final long MID = 6_000_000L * WorkloadMarket.TICK;
    private static final long LOT = WorkloadMarket.LOT;
    private static final int S = WorkloadMarket.SYMBOL;
    private static final int AMEND_STEPS = 50_000;

    private Engine engine;
    private long seq;
    private long orderId;

    private final PlaceOrder deepBid = PlaceOrder.limit(S, 7, Side.BUY, MID - 500 * WorkloadMarket.TICK, 3 * LOT,
            TimeInForce.GTC).withClientOrderId("jmh-place");
    private final CancelOrder cancelDeepBid = new CancelOrder(S, 7, 0, "jmh-place");
    /** At the mid, below every resting ask and above every bid: the taker meets exactly this maker. */
    private final PlaceOrder makerAsk = PlaceOrder.limit(S, 8, Side.SELL, MID, LOT, TimeInForce.GTC);
    private final PlaceOrder takerBuy = PlaceOrder.limit(S, 9, Side.BUY, MID, LOT, TimeInForce.IOC);
    private final PlaceOrder amendTarget = PlaceOrder.limit(S, 10, Side.BUY, MID - 300 * WorkloadMarket.TICK,
            (AMEND_STEPS + 1) * LOT, TimeInForce.GTC).withClientOrderId("jmh-amend");
    private final CancelOrder cancelAmendTarget = new CancelOrder(S, 10, 0, "jmh-amend");
    private final AmendOrder[] amends = new AmendOrder[AMEND_STEPS];
    private int amendStep;
    private MoveOrder moveOut;
    private MoveOrder moveBack;

    @Setup(Level.Trial)
    public void setUp() {
        engine = WorkloadMarket.newEngine(EngineListener.NONE);
        seq = WorkloadMarket.setupCount();
        // a book like the workload's: 500 orders a side, exponential-ish depth over ~250 levels
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 1_000; i++) {
            boolean bid = i % 2 == 0;
            long offset = 1 + (long) (-Math.log(1 - rnd.nextDouble()) * 100);
            long price = (bid ? MID - offset * WorkloadMarket.TICK : MID + offset * WorkloadMarket.TICK);
            apply(PlaceOrder.limit(S, 1 + rnd.nextInt(1_000), bid ? Side.BUY : Side.SELL, price,
                    (1 + rnd.nextInt(20)) * LOT, TimeInForce.GTC));
        }
        for (int k = 0; k < AMEND_STEPS; k++) {
            amends[k] = new AmendOrder(S, 10, 0, "jmh-amend", (AMEND_STEPS - k) * LOT, null);
        }
        apply(amendTarget);
        orderId = engine.books().nextOrderId();
        apply(PlaceOrder.limit(S, 11, Side.SELL, MID + 400 * WorkloadMarket.TICK, 2 * LOT, TimeInForce.GTC));
        moveOut = new MoveOrder(S, 11, orderId, MID + 401 * WorkloadMarket.TICK);
        moveBack = new MoveOrder(S, 11, orderId, MID + 400 * WorkloadMarket.TICK);
    }

    private RejectReason apply(Command c) {
        RejectReason r = engine.apply(++seq, 1_700_000_000_000L, c);
        if (r != RejectReason.NONE) {
            throw new IllegalStateException(c + " -> " + r);
        }
        return r;
    }

    /** Place a resting limit order, then cancel it (by client order id). */
    @Benchmark
    public long placeThenCancel() {
        engine.apply(++seq, 1_700_000_000_000L, deepBid);
        engine.apply(++seq, 1_700_000_000_000L, cancelDeepBid);
        return seq;
    }

    /** Place a resting ask, then a taker IOC that fills it completely: one trade, settled with fees. */
    @Benchmark
    public long placeThenMatch() {
        engine.apply(++seq, 1_700_000_000_000L, makerAsk);
        engine.apply(++seq, 1_700_000_000_000L, takerBuy);
        return seq;
    }

    /** Reduce a resting order's quantity by one lot keeping its priority (twice). */
    @Benchmark
    public long amendKeepPriority() {
        if (amendStep + 2 > AMEND_STEPS) {
            engine.apply(++seq, 1_700_000_000_000L, cancelAmendTarget);
            engine.apply(++seq, 1_700_000_000_000L, amendTarget);
            amendStep = 0;
        }
        engine.apply(++seq, 1_700_000_000_000L, amends[amendStep++]);
        engine.apply(++seq, 1_700_000_000_000L, amends[amendStep++]);
        return seq;
    }

    /** Move a resting order one tick out and back (losing priority each time). */
    @Benchmark
    public long moveOutAndBack() {
        engine.apply(++seq, 1_700_000_000_000L, moveOut);
        engine.apply(++seq, 1_700_000_000_000L, moveBack);
        return seq;
    }
}
