package io.bourse.app.demo;

import io.bourse.engine.EngineListener;
import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;

import java.math.BigDecimal;

/** Counts trades and volume per symbol and remembers the last price, for the console summary. */
public final class MarketSummary implements EngineListener {
    private final long[] trades = new long[DemoMarkets.MARKETS.size()];
    private final long[] lastPrice = new long[DemoMarkets.MARKETS.size()];
    private final long[] quoteVolume = new long[DemoMarkets.MARKETS.size()];

    @Override
    public void onTrade(TradeView trade, OrderView taker, OrderView maker) {
        int s = trade.symbolId();
        trades[s]++;
        lastPrice[s] = trade.price();
        quoteVolume[s] += trade.quoteQty();
    }

    public long trades(int symbolId) {
        return trades[symbolId];
    }

    public long totalTrades() {
        long sum = 0;
        for (long t : trades) {
            sum += t;
        }
        return sum;
    }

    /** One line per market: last price, trades and quote volume so far. */
    public String describe() {
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
