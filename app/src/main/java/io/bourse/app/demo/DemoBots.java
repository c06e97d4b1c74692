package io.bourse.app.demo;

import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.runtime.pipeline.CommandResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Market-maker and taker bots that keep the demo markets alive: per market, one maker keeps a ladder of quotes
 * around a mid price that wanders, and one taker now and then crosses the spread. They trade through ordinary
 * engine commands submitted to the core (the same ones the API will send), from their own funded accounts.
 */
public final class DemoBots {
    /** Bot accounts sit far above the ids the platform gives users. */
    public static final long MAKER_BASE_ID = 900_000_000L;
    public static final long TAKER_BASE_ID = 900_000_100L;
    private static final int LEVELS = 10;

    private final Random random;
    private final long[] midTicks;

    public DemoBots(long seed) {
        this.random = new Random(seed);
        this.midTicks = new long[DemoMarkets.MARKETS.size()];
        for (int i = 0; i < midTicks.length; i++) {
            DemoMarkets.Market m = DemoMarkets.MARKETS.get(i);
            midTicks[i] = DemoMarkets.units(m.referencePrice()) / DemoMarkets.units(m.tickSize());
        }
    }

    /** Every bot's account id. */
    public List<Long> accounts() {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < DemoMarkets.MARKETS.size(); i++) {
            ids.add(MAKER_BASE_ID + i);
            ids.add(TAKER_BASE_ID + i);
        }
        return ids;
    }

    /** Deposits that fund every bot generously in every asset. */
    public List<Command> funding() {
        List<Command> commands = new java.util.ArrayList<>();
        for (int i = 0; i < DemoMarkets.MARKETS.size(); i++) {
            for (int asset = 0; asset < DemoMarkets.ASSETS.size(); asset++) {
                long amount = DemoMarkets.ASSETS.get(asset).equals("USDT") ? DemoMarkets.units("100000000")
                        : DemoMarkets.units("100000");
                commands.add(new Deposit(MAKER_BASE_ID + i, asset, amount, 0));
                commands.add(new Deposit(TAKER_BASE_ID + i, asset, amount, 0));
            }
        }
        return commands;
    }

    /** One round: every maker re-quotes around its (moved) mid; some takers trade. */
    public void step(Consumer<Command> send) {
        step(send, () -> { });
    }

    /**
     * One round, with {@code quoted} run between the makers' re-quotes and the takers' orders: a sender whose
     * commands travel concurrently (over HTTP) waits there, so a taker never meets a book emptied by a re-quote.
     */
    public void step(Consumer<Command> send, Runnable quoted) {
        List<Command> takers = new ArrayList<>();
        for (int i = 0; i < DemoMarkets.MARKETS.size(); i++) {
            DemoMarkets.Market m = DemoMarkets.MARKETS.get(i);
            long tick = DemoMarkets.units(m.tickSize());
            long step = DemoMarkets.units(m.stepSize());
            long minNotional = DemoMarkets.units(m.minNotional());
            midTicks[i] += Math.round(random.nextGaussian() * midTicks[i] / 20_000.0);
            long maker = MAKER_BASE_ID + i;
            send.accept(new CancelAllOrders(i, maker));
            long spreadTicks = Math.max(1, midTicks[i] / 10_000);
            for (int level = 0; level < LEVELS; level++) {
                long offset = spreadTicks * (level + 1);
                long lotsForMin = lotsFor(minNotional, midTicks[i] * tick, step);
                long lots = lotsForMin * (1 + random.nextInt(5));
                send.accept(PlaceOrder.limit(i, maker, Side.BUY, (midTicks[i] - offset) * tick, lots * step,
                        TimeInForce.GTC));
                send.accept(PlaceOrder.limit(i, maker, Side.SELL, (midTicks[i] + offset) * tick, lots * step,
                        TimeInForce.GTC));
            }
            if (random.nextInt(3) == 0) {
                long lots = lotsFor(minNotional, midTicks[i] * tick, step) * (1 + random.nextInt(4));
                takers.add(PlaceOrder.market(i, TAKER_BASE_ID + i, random.nextBoolean() ? Side.BUY : Side.SELL,
                        lots * step));
            }
        }
        quoted.run();
        takers.forEach(send);
    }

    /** Lots (of {@code step}) worth at least {@code notional} at {@code price}, with some room. */
    private static long lotsFor(long notional, long price, long step) {
        double lots = notional * 1.5 * 1e8 / ((double) price * step);
        return Math.max(1, (long) Math.ceil(lots));
    }

    /** Whether a bot command ended as bots expect: accepted, or a cancel-all that found nothing to cancel. */
    public static boolean expected(CommandResult result) {
        return switch (result.status()) {
            case ACCEPTED, REFUSED -> true;
            case REJECTED -> result.reject() == RejectReason.UNKNOWN_ORDER;
            case UNKNOWN -> false;
        };
    }
}
