package io.bourse.api;

import io.bourse.api.auth.ApiKeys;
import io.bourse.api.auth.InMemoryApiKeys;
import io.bourse.api.auth.StoredApiKeys;
import io.bourse.api.wallet.MarketValuation;
import io.bourse.platform.Platform;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.chain.SimulatedChain;
import io.bourse.wallet.fiat.FiatCurrency;
import io.bourse.wallet.fiat.SandboxGateway;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import io.bourse.wallet.withdraw.WithdrawalConfig;
import io.bourse.platform.PlatformConfig;
import io.bourse.platform.kyc.Screening;
import io.bourse.platform.mail.MailSender;
import io.bourse.platform.mail.OutboxDispatcher;
import io.bourse.platform.password.PasswordHasher;
import io.bourse.store.Accounts;
import io.bourse.store.MasterKey;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.history.HistoryTrades;
import io.bourse.history.HistoryWriter;
import io.bourse.store.Database;
import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A real exchange for API tests: the durable core in a temporary directory, market data, and the HTTP server on a
 * free port. Lists BTC, USDT and ETH (eight decimals) and BTCUSDT (tick 0.01, step 0.00001) and ETHBTC.
 */
final class LiveExchange implements AutoCloseable {
    static final int BTC = 0;
    static final int USDT = 1;
    static final int ETH = 2;
    static final int USD = 3;
    static final byte[] SANDBOX_SECRET = "sandbox-secret-for-tests".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int BTCUSDT = 0;
    static final int ETHBTC = 1;

    final ExchangeCore core;
    final MarketData marketData;
    final UserData userData = new UserData();
    final InMemoryApiKeys keys = new InMemoryApiKeys();
    final Vertx vertx = Vertx.vertx();
    final ApiServer api;
    /** The history store, when started with one (embedded PostgreSQL in {@code dir/postgres}); else null. */
    final Database db;
    /** With the database: the accounts store and the account platform (fast, weak password hashing); else null. */
    final Accounts accounts;
    final Platform platform;
    private final OutboxDispatcher mail;
    /** With the database: the wallet over two simulated chains (ticked by hand or by the operator's mine call). */
    final Wallet wallet;
    final SimulatedChain ethChain;
    final SimulatedChain btcChain;

    /** BTC on Bitcoin (2 confirmations), ETH and USDT on Ethereum (3 confirmations). */
    static Networks networks() {
        String evm = "^(0x)[0-9A-Fa-f]{40}$";
        return new Networks(List.of(
                new NetworkAsset("BTC", BTC, 8, "BTC", "Bitcoin", 2, units("0.0002"), units("0.001"), units("100"),
                        true, true, true, "^(bc1)[0-9a-z]{39,59}$"),
                new NetworkAsset("ETH", ETH, 8, "ETH", "Ethereum (ERC20)", 3, units("0.001"), units("0.005"),
                        units("1000"), true, true, true, evm),
                new NetworkAsset("USDT", USDT, 8, "ETH", "Ethereum (ERC20)", 3, units("5"), units("10"),
                        units("10000000"), true, true, true, evm)));
    }
    static final String OPERATOR_TOKEN = "test-operator-token";

    /**
     * Starts on {@code dir} (reopening what a previous instance left there); with {@code withHistory}, also the
     * history store and its consumer, as the real server runs.
     */
    LiveExchange(Path dir, ApiConfig config, boolean withHistory) throws IOException {
        this(dir, config, withHistory, null);
    }

    /** As above, with the ETH network on the chain {@code ethNetwork} makes (a real node) instead of a simulated one. */
    LiveExchange(Path dir, ApiConfig config, boolean withHistory,
                 java.util.function.BiFunction<Database, MasterKey, ChainAdapter> ethNetwork) throws IOException {
        CoreConfig core = CoreConfig.defaults(dir.resolve("core"))
                .withJournal(JournalConfig.defaults(FsyncPolicy.NONE)).withRingSize(1024);
        this.db = withHistory ? Database.embedded(dir.resolve("postgres")) : null;
        History history = db == null ? null : new History(db);
        this.marketData = history == null ? new MarketData() : new MarketData(HistoryTrades.of(history));
        HistoryWriter historyWriter = db == null ? null : new HistoryWriter(db);
        if (historyWriter != null) {
            userData.storedUpTo(historyWriter::writtenSequence);
        }
        List<io.bourse.runtime.pipeline.EventConsumer> consumers = db == null ? List.of(marketData, userData)
                : List.of(marketData, userData, historyWriter);
        this.core = ExchangeCore.start(core, consumers);
        if (this.core.recovery().lastSequence() == 0) {
            for (Command c : listing()) {
                submit(c);
            }
        }
        if (db != null) {
            MasterKey masterKey = new MasterKey(new byte[32]);
            this.accounts = new Accounts(db, masterKey);
            this.platform = new Platform(db, masterKey, accounts, PlatformConfig.defaults("http://bourse.test", dir)
                    .withPasswordCost(PasswordHasher.Cost.TEST), Screening.defaults(), Clock.systemUTC());
            this.mail = new OutboxDispatcher(platform.outbox(), MailSender.LOCAL_MAILBOX).start();
            this.ethChain = new SimulatedChain(db.jdbi(), Clock.systemUTC(), "ETH", SimulatedChain.AddressStyle.EVM);
            this.btcChain = new SimulatedChain(db.jdbi(), Clock.systemUTC(), "BTC",
                    SimulatedChain.AddressStyle.BITCOIN);
            this.wallet = new Wallet(db, platform, this.core, networks(), List.of(ethNetwork == null ? ethChain
                    : ethNetwork.apply(db, masterKey), btcChain),
                    new MarketValuation(marketData), WithdrawalConfig.defaults(),
                    List.of(new FiatCurrency("USD", USD, 2, 1_000, 5_000_000)),
                    new SandboxGateway(SANDBOX_SECRET, "http://bourse.test"), Clock.systemUTC());
        } else {
            this.accounts = null;
            this.platform = null;
            this.mail = null;
            this.ethChain = null;
            this.btcChain = null;
            this.wallet = null;
        }
        this.api = ApiServer.start(vertx, config, new Backends(this.core, marketData, userData,
                accounts == null ? keys : ApiKeys.layered(keys, new StoredApiKeys(accounts)), history, accounts,
                OPERATOR_TOKEN, platform, wallet));
    }

    LiveExchange(Path dir, ApiConfig config) throws IOException {
        this(dir, config, false);
    }

    LiveExchange(Path dir) throws IOException {
        this(dir, ApiConfig.defaults(0));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    /** A request signed with an HMAC key, over plain HTTP (for endpoints Binance's connector does not have). */
    java.net.http.HttpResponse<String> signed(String apiKey, String secret, String method, String path, String query)
            throws IOException, InterruptedException {
        String payload = query + "&timestamp=" + System.currentTimeMillis();
        String signature = io.bourse.api.auth.Signatures.hmacHex(
                secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII), payload);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path
                        + "?" + payload + "&signature=" + signature)).header("X-MBX-APIKEY", apiKey)
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Units of 10^-8: {@code units("0.01") == 1_000_000}. */
    static long units(String decimal) {
        return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }

    CommandResult submit(Command c) {
        CommandResult r = core.submit(c).join();
        if (r.status() != CommandResult.Status.ACCEPTED) {
            throw new IllegalStateException(c + " was not accepted: " + r.status() + " " + r.reject());
        }
        return r;
    }

    void fund(long user, int asset, String amount) {
        submit(new Deposit(user, asset, units(amount), 0));
    }

    /** Waits until every consumer has seen every command submitted so far. */
    void settle() throws InterruptedException {
        while (core.backlogs().values().stream().anyMatch(b -> b > 0)) {
            Thread.sleep(1);
        }
    }

    private static List<Command> listing() {
        return List.of(new AddAsset("BTC", 8), new AddAsset("USDT", 8), new AddAsset("ETH", 8), new AddAsset("USD", 2),
                new AddSymbol(spec("BTCUSDT", BTC, USDT, "0.01", "0.00001", "5")),
                new AddSymbol(spec("ETHBTC", ETH, BTC, "0.00001", "0.001", "0.0001")),
                new SetFeeTier(0, Rates.ONE / 1000, Rates.ONE / 1000));
    }

    private static SymbolSpec spec(String name, int base, int quote, String tick, String step, String minNotional) {
        return new SymbolSpec(0, name, base, quote, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(units(tick), units("1000000"), units(tick)),
                new SymbolSpec.LotSize(units(step), units("9000"), units(step)),
                new SymbolSpec.LotSize(units(step), units("100"), units(step)),
                new SymbolSpec.NotionalFilter(units(minNotional), true, 0, false, 5),
                null, 200, 5, 50, StpMode.EXPIRE_MAKER);
    }

    @Override
    public void close() throws IOException {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (wallet != null) {
            wallet.close();
        }
        core.close();
        if (mail != null) {
            mail.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
