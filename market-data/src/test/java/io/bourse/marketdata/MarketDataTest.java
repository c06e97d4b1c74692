package io.bourse.marketdata;

import io.bourse.engine.Engine;
import io.bourse.engine.RandomCommands;
import io.bourse.engine.Side;
import io.bourse.engine.command.Command;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Market data follows a real core: its books equal the engine's, and its diffs rebuild them from a snapshot. */
class MarketDataTest {
    @TempDir
    Path dir;

    private CoreConfig config() {
        return CoreConfig.defaults(dir).withJournal(JournalConfig.defaults(FsyncPolicy.NONE)).withRingSize(1024);
    }

    /** A client's local book: a snapshot, then diffs applied as Binance documents (strictly chained here). */
    private static final class LocalBook {
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long lastUpdateId;

        LocalBook(DepthSnapshot s) {
            s.bids().forEach(l -> bids.put(l.price(), l.qty()));
            s.asks().forEach(l -> asks.put(l.price(), l.qty()));
            lastUpdateId = s.lastUpdateId();
        }

        void apply(DepthDiff d) {
            assertThat(d.firstUpdateId()).as("diffs chain without gaps").isEqualTo(lastUpdateId + 1);
            d.bids().forEach(l -> set(bids, l));
            d.asks().forEach(l -> set(asks, l));
            lastUpdateId = d.lastUpdateId();
        }

        private static void set(TreeMap<Long, Long> side, Level l) {
            if (l.qty() == 0) {
                side.remove(l.price());
            } else {
                side.put(l.price(), l.qty());
            }
        }
    }

    private static RandomCommands commands(long seed, Engine[] engine) {
        Random rnd = new Random(seed);
        long[] placed = {1};
        return new RandomCommands(rnd, 6, new RandomCommands.OrderSource() {
            @Override
            public long someOrder(int symbolId, long userId, Random r) {
                return 1 + r.nextInt((int) Math.min(Integer.MAX_VALUE, placed[0] += 1));
            }

            @Override
            public String clientIdOf(long orderId) {
                return null;
            }
        });
    }

    @Test
    void booksTradesAndDiffsFollowTheEngine() throws Exception {
        RandomCommands random = commands(3, null);
        MarketData md = new MarketData();
        List<LocalBook> local = new ArrayList<>();
        try (ExchangeCore core = ExchangeCore.start(config(), List.of(md))) {
            for (Command c : random.setUp()) {
                core.submit(c).join();
            }
            awaitConsumed(core);
            for (SymbolMarket m : md.markets()) {
                m.drainDepth(DepthSpeed.MS_100);
                local.add(new LocalBook(m.depth(5000)));
            }
            for (int chunk = 0; chunk < 400; chunk++) {
                List<CompletableFuture<CommandResult>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    results.add(core.submit(random.next()));
                }
                results.forEach(CompletableFuture::join);
                drainInto(md, local);
            }
            awaitConsumed(core);
            drainInto(md, local);
            core.close();
            Engine engine = core.engineAfterClose();
            for (SymbolMarket m : md.markets()) {
                int symbol = m.spec().id();
                DepthSnapshot depth = m.depth(5000);
                assertThat(depth.bids()).isEqualTo(engineLevels(engine, symbol, Side.BUY));
                assertThat(depth.asks()).isEqualTo(engineLevels(engine, symbol, Side.SELL));
                assertThat(local.get(symbol).bids).isEqualTo(asMap(depth.bids()));
                assertThat(local.get(symbol).asks).isEqualTo(asMap(depth.asks()));
                assertThat(local.get(symbol).lastUpdateId).isEqualTo(depth.lastUpdateId());
                checkTrades(m);
            }
        }
    }

    @Test
    void aRestartStartsFromTheRecoveredBooks() throws Exception {
        RandomCommands random = commands(4, null);
        try (ExchangeCore core = ExchangeCore.start(config(), List.of())) {
            for (Command c : random.setUp()) {
                core.submit(c).join();
            }
            for (int i = 0; i < 5_000; i++) {
                core.submit(random.next());
            }
        }
        MarketData md = new MarketData();
        try (ExchangeCore core = ExchangeCore.start(config(), List.of(md))) {
            core.close();
            Engine engine = core.engineAfterClose();
            assertThat(md.listing().symbols()).isEqualTo(engine.symbols());
            for (SymbolMarket m : md.markets()) {
                assertThat(m.depth(5000).bids()).isEqualTo(engineLevels(engine, m.spec().id(), Side.BUY));
                assertThat(m.depth(5000).asks()).isEqualTo(engineLevels(engine, m.spec().id(), Side.SELL));
            }
        }
    }

    private static void checkTrades(SymbolMarket m) {
        List<Trade> trades = m.recentTrades(SymbolMarket.RECENT);
        List<AggTrade> aggs = m.aggTrades(-1, -1, -1, SymbolMarket.RECENT);
        assertThat(trades).isNotEmpty();
        for (int i = 1; i < trades.size(); i++) {
            assertThat(trades.get(i).id()).isEqualTo(trades.get(i - 1).id() + 1);
        }
        for (int i = 1; i < aggs.size(); i++) {
            assertThat(aggs.get(i).firstTradeId()).isEqualTo(aggs.get(i - 1).lastTradeId() + 1);
            assertThat(aggs.get(i).id()).isEqualTo(aggs.get(i).firstTradeId());
        }
        assertThat(aggs.getLast().lastTradeId()).isEqualTo(trades.getLast().id());
        Trade last = trades.getLast();
        List<Kline> klines = m.klines(KlineInterval.M1, -1, last.timeMs(), 1, last.timeMs());
        assertThat(klines).hasSize(1);
        assertThat(klines.getFirst().close()).isEqualTo(last.price());
        assertThat(klines.getFirst().lastTradeId()).isEqualTo(last.id());
    }

    private static void drainInto(MarketData md, List<LocalBook> local) {
        for (SymbolMarket m : md.markets()) {
            DepthDiff d = m.drainDepth(DepthSpeed.MS_100);
            if (d != null) {
                local.get(m.spec().id()).apply(d);
            }
        }
    }

    private static void awaitConsumed(ExchangeCore core) throws InterruptedException {
        while (core.backlogs().values().stream().anyMatch(b -> b > 0)) {
            Thread.sleep(1);
        }
    }

    private static List<Level> engineLevels(Engine engine, int symbol, Side side) {
        List<Level> out = new ArrayList<>();
        for (int d = 0; d < engine.books().levelCount(symbol, side); d++) {
            out.add(new Level(engine.books().levelPrice(symbol, side, d), engine.books().levelQty(symbol, side, d)));
        }
        return out;
    }

    private static TreeMap<Long, Long> asMap(List<Level> levels) {
        TreeMap<Long, Long> map = new TreeMap<>();
        levels.forEach(l -> map.put(l.price(), l.qty()));
        return map;
    }
}
