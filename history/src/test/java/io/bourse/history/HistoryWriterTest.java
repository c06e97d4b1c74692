package io.bourse.history;

import io.bourse.engine.Engine;
import io.bourse.engine.RandomCommands;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.OrderState;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
import io.bourse.marketdata.AggTrade;
import io.bourse.marketdata.MarketData;
import io.bourse.marketdata.SymbolMarket;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The history consumer writes every trade once and every order's latest state, across restarts and replays. */
class HistoryWriterTest {
    @TempDir
    Path dir;

    private CoreConfig config() {
        return CoreConfig.defaults(dir.resolve("core")).withJournal(JournalConfig.defaults(FsyncPolicy.NONE))
                .withRingSize(1024);
    }

    private static RandomCommands commands(long seed) {
        long[] placed = {1};
        return new RandomCommands(new Random(seed), 6, new RandomCommands.OrderSource() {
            @Override
            public long someOrder(int symbolId, long userId, Random r) {
                return 1 + r.nextInt((int) (placed[0] += 1));
            }

            @Override
            public String clientIdOf(long orderId) {
                return null;
            }
        });
    }

    @Test
    void rowsMatchTheEngineAndAReplayAddsNothing() throws Exception {
        try (Database db = Database.embedded(dir.resolve("postgres"))) {
            RandomCommands random = commands(11);
            HistoryWriter writer = new HistoryWriter(db);
            Engine engine;
            try (ExchangeCore core = ExchangeCore.start(config(), List.of(writer))) {
                run(core, random, 6_000);
                core.close();
                engine = core.engineAfterClose();
            }
            long trades = count(db, "trades");
            long orders = count(db, "orders");
            assertThat(trades).isPositive();
            assertThat(writer.writtenSequence()).isEqualTo(engine.lastSequence());
            History history = new History(db);
            engine.books().forEachOpenOrder(o -> {
                OrderState stored = history.order(o.userId(), o.orderId()).orElseThrow();
                assertThat(stored.status()).isEqualTo(o.status());
                assertThat(stored.executedQty()).isEqualTo(o.executedQty());
                assertThat(stored.leavesQty()).isEqualTo(o.leavesQty());
            });

            // a crash right after writing rows but before saving the position: the core hands the commands again
            db.jdbi().useHandle(h -> h.execute("UPDATE consumer_positions SET sequence = sequence - 2000"));
            HistoryWriter again = new HistoryWriter(db);
            assertThat(again.lastAppliedSequence()).isEqualTo(engine.lastSequence() - 2000);
            try (ExchangeCore core = ExchangeCore.start(config(), List.of(again))) {
                assertThat(again.writtenSequence()).isEqualTo(engine.lastSequence());
            }
            assertThat(count(db, "trades")).isEqualTo(trades);
            assertThat(count(db, "orders")).isEqualTo(orders);
        }
    }

    /** What {@code /api/v3/aggTrades} folds from the store for older trades is what market data built live. */
    @Test
    void aggregatesFoldedFromStoredTradesAreTheLiveOnes() throws Exception {
        try (Database db = Database.embedded(dir.resolve("postgres"))) {
            RandomCommands random = commands(12);
            HistoryWriter writer = new HistoryWriter(db);
            MarketData md = new MarketData();
            try (ExchangeCore core = ExchangeCore.start(config(), List.of(writer, md))) {
                run(core, random, 4_000);
            }
            History history = new History(db);
            int checked = 0;
            for (SymbolMarket m : md.markets()) {
                List<AggTrade> live = m.aggTrades(-1, -1, -1, SymbolMarket.RECENT);
                if (live.size() < 3) {
                    continue;
                }
                int symbol = m.spec().id();
                assertThat(history.aggTrades(symbol, live.getFirst().id(), -1, -1, SymbolMarket.RECENT))
                        .isEqualTo(live);
                assertThat(history.aggTrades(symbol, live.get(1).id(), -1, -1, 2)).isEqualTo(live.subList(1, 3));
                // an id inside an aggregate: the answer starts at the next one
                for (int i = 0; i + 1 < live.size(); i++) {
                    AggTrade a = live.get(i);
                    if (a.lastTradeId() > a.firstTradeId()) {
                        assertThat(history.aggTrades(symbol, a.id() + 1, -1, -1, 1).getFirst())
                                .isEqualTo(live.get(i + 1));
                        checked++;
                        break;
                    }
                }
                long time = live.getLast().timeMs();
                assertThat(history.aggTrades(symbol, -1, time, time, SymbolMarket.RECENT))
                        .isEqualTo(live.stream().filter(a -> a.timeMs() == time).toList());
            }
            assertThat(checked).as("symbols with a multi-fill aggregate").isPositive();
        }
    }

    /** The stream's set-up, then {@code commands} of its commands, all acknowledged. */
    private static void run(ExchangeCore core, RandomCommands random, int commands) {
        for (Command c : random.setUp()) {
            core.submit(c).join();
        }
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            pending.add(core.submit(random.next()));
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
    }

    private static long count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
