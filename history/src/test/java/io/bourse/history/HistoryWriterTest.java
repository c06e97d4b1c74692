package io.bourse.history;

import io.bourse.engine.Engine;
import io.bourse.engine.RandomCommands;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.OrderState;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
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
                for (Command c : random.setUp()) {
                    core.submit(c).join();
                }
                List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
                for (int i = 0; i < 6_000; i++) {
                    pending.add(core.submit(random.next()));
                }
                pending.forEach(java.util.concurrent.CompletableFuture::join);
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

    private static long count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
