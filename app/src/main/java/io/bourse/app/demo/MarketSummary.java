package io.bourse.app.demo;

import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.pipeline.EventConsumer;

import java.math.BigDecimal;

/**
 * Counts trades and volume per symbol and remembers the last price, for the console summary. An event consumer
 * that keeps nothing across restarts (it counts from the start of this run).
 */
public final class MarketSummary implements EventConsumer {
    private final long[] trades = new long[DemoMarkets.MARKETS.size()];
    private final long[] lastPrice = new long[DemoMarkets.MARKETS.size()];
    private final long[] quoteVolume = new long[DemoMarkets.MARKETS.size()];
    private volatile long commands;

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public long lastAppliedSequence() {
        return FROM_NOW;
    }

    @Override
    public synchronized void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
        commands++;
        for (EngineEvent e : events.decode()) {
            if (e instanceof EngineEvent.TradeExecuted t && t.trade().symbolId() < trades.length) {
                int s = t.trade().symbolId();
                trades[s]++;
                lastPrice[s] = t.trade().price();
                quoteVolume[s] += t.trade().quoteQty();
            }
        }
    }

    public synchronized long trades(int symbolId) {
        return trades[symbolId];
    }

    public synchronized long totalTrades() {
        long sum = 0;
        for (long t : trades) {
            sum += t;
        }
        return sum;
    }

    public long commands() {
        return commands;
    }

    /** One line per market: last price, trades and quote volume in this run. */
    public synchronized String describe() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < trades.length; i++) {
            DemoMarkets.Market m = DemoMarkets.MARKETS.get(i);
            out.append(String.format("  %-8s last %-14s trades %-7d volume %s %s%n", m.symbol(),
                    decimal(lastPrice[i]), trades[i], decimal(quoteVolume[i]), m.quote()));
        }
        return out.toString();
    }

    private static String decimal(long units) {
        return BigDecimal.valueOf(units, DemoMarkets.SCALE).stripTrailingZeros().toPlainString();
    }
}
