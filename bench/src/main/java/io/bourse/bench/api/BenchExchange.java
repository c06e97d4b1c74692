package io.bourse.bench.api;

import io.bourse.api.ApiConfig;
import io.bourse.api.ApiServer;
import io.bourse.api.stream.StreamLimits;
import io.bourse.api.Backends;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.InMemoryApiKeys;
import io.bourse.api.auth.Permission;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.history.HistoryWriter;
import io.bourse.runtime.pipeline.EventConsumer;
import io.bourse.store.Database;
import io.bourse.bench.pipeline.PipelineReplay;
import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The exchange the API benchmarks drive: the durable core (fsync group commit), market data, user data, with
 * {@code history} the history store (embedded PostgreSQL and its writer, as {@code ./bourse} runs), and the HTTP
 * server with limits opened wide; one market BTCUSDT (tick 0.01, step 0.00001), and {@code users} funded users with
 * HMAC keys {@code key(i)} / {@link #SECRET}.
 */
final class BenchExchange implements AutoCloseable {
    static final String SECRET = "bench-secret";
    static final long ONE = 100_000_000L;

    final ExchangeCore core;
    final MarketData marketData = new MarketData();
    final Vertx vertx;
    final ApiServer api;
    private final Database db;

    BenchExchange(Path dir, int users) throws IOException {
        this(dir, users, false);
    }

    BenchExchange(Path dir, int users, boolean history) throws IOException {
        PipelineReplay.clean(dir);
        UserData userData = new UserData();
        Path postgres = dir.resolveSibling(dir.getFileName() + "-postgres");
        if (history) {
            PipelineReplay.clean(postgres);
        }
        db = history ? Database.embedded(postgres) : null;
        List<EventConsumer> consumers = new ArrayList<>(List.of(marketData, userData));
        if (db != null) {
            HistoryWriter writer = new HistoryWriter(db);
            userData.storedUpTo(writer::writtenSequence);
            consumers.add(writer);
        }
        core = ExchangeCore.start(CoreConfig.defaults(dir), consumers);
        List<Command> setup = new ArrayList<>(List.of(new AddAsset("BTC", 8), new AddAsset("USDT", 8),
                new AddSymbol(new SymbolSpec(0, "BTCUSDT", 0, 1, SymbolStatus.TRADING,
                        new SymbolSpec.PriceFilter(ONE / 100, 1_000_000 * ONE, ONE / 100),
                        new SymbolSpec.LotSize(1000, 9000 * ONE, 1000), new SymbolSpec.LotSize(1000, 100 * ONE, 1000),
                        new SymbolSpec.NotionalFilter(ONE, true, 0, false, 5), null, 1_000_000, 5, 50,
                        StpMode.EXPIRE_MAKER)),
                new SetFeeTier(0, Rates.ONE / 1000, Rates.ONE / 1000)));
        InMemoryApiKeys keys = new InMemoryApiKeys();
        for (int u = 1; u <= users; u++) {
            setup.add(new Deposit(u, 0, 1_000 * ONE, 0));
            setup.add(new Deposit(u, 1, 10_000_000L * ONE, 0));
            keys.put(ApiKey.hmac(key(u), u, Set.of(Permission.READ, Permission.TRADE),
                    SECRET.getBytes(StandardCharsets.US_ASCII)));
        }
        for (Command c : setup) {
            CommandResult r = core.submit(c).join();
            if (r.status() != CommandResult.Status.ACCEPTED) {
                core.close();
                throw new IllegalStateException(c + ": " + r.status() + " " + r.reject());
            }
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        // Limits opened wide: the load comes from one IP, and the fan-out bench opens thousands of connections.
        ApiConfig config = ApiConfig.defaults(0).withWeightPerMinute(Integer.MAX_VALUE)
                .withOrderLimits(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .withStreamLimits(new StreamLimits(1_000, 1024, 24 * 3_600_000L, Integer.MAX_VALUE));
        api = ApiServer.start(vertx, config, new Backends(core, marketData, userData, keys,
                db == null ? null : new History(db), null, null, null, null));
    }

    static String key(int user) {
        String k = "benchkey" + user;
        return k + "0".repeat(64 - k.length());
    }

    @Override
    public void close() throws IOException {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        core.close();
        if (db != null) {
            db.close();
        }
    }
}
