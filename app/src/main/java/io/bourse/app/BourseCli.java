package io.bourse.app;

import io.bourse.api.ApiConfig;
import io.bourse.api.ApiServer;
import io.bourse.api.Backends;
import io.bourse.api.auth.ApiKeys;
import io.bourse.api.auth.InMemoryApiKeys;
import io.bourse.api.auth.StoredApiKeys;
import io.bourse.app.demo.ApiBotDriver;
import io.bourse.api.userdata.UserData;
import io.bourse.app.demo.DemoBots;
import io.bourse.app.demo.DemoMarkets;
import io.bourse.app.demo.MarketSummary;
import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.command.Command;
import io.bourse.history.History;
import io.bourse.history.HistoryTrades;
import io.bourse.history.HistoryWriter;
import io.bourse.journal.FsyncPolicy;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.api.wallet.MarketValuation;
import io.bourse.app.demo.BlockProducer;
import io.bourse.app.demo.DemoNetworks;
import io.bourse.platform.Platform;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.evm.EvmAsset;
import io.bourse.wallet.evm.EvmChain;
import io.bourse.wallet.fiat.SandboxGateway;
import io.bourse.wallet.withdraw.WithdrawalConfig;
import io.bourse.platform.PlatformConfig;
import io.bourse.platform.kyc.Screening;
import io.bourse.platform.mail.MailSender;
import io.bourse.platform.mail.OutboxDispatcher;
import io.bourse.platform.mail.SmtpSender;
import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The {@code bourse} command. It starts the exchange: the durable core (journal, snapshots, recovery), market
 * data, the Binance-compatible API on localhost, and the demo markets with their bots; then prints the URL.
 */
@CommandLine.Command(name = "bourse", mixinStandardHelpOptions = true, version = "Bourse 0.1.0-SNAPSHOT",
        subcommands = {VerifyCommand.class, UserCommand.class, MailboxCommand.class, AuditCommand.class},
        description = "Starts the Bourse exchange with its Binance-compatible API on localhost, demo markets "
                + "(BTCUSDT, ETHUSDT, BNBUSDT, SOLUSDT, ETHBTC) and market-maker and taker bots, and prints the URL "
                + "and a summary every ten seconds. Everything is journaled in the data directory; a restart "
                + "continues where the last run stopped.")
public final class BourseCli implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BourseCli.class);
    /** The simulated chains mine a block this often (a fast Ethereum; confirmations arrive within seconds). */
    private static final long BLOCK_EVERY_MS = 3_000;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Everything the exchange keeps lives here: journal, snapshots, the embedded "
                    + "database, the master key and the operator token (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP and WebSocket port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @CommandLine.Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "An external PostgreSQL (jdbc:postgresql://host:5432/db?user=…&password=…) instead of the "
                    + "embedded one in the data directory.")
    String dbUrl;

    @CommandLine.Option(names = "--fsync", paramLabel = "POLICY", defaultValue = "GROUP",
            description = "GROUP (one fsync per batch; the default) or NONE (benchmarks only: a machine crash "
                    + "can lose acknowledged commands).")
    FsyncPolicy fsync;

    @CommandLine.Option(names = "--screening-list", paramLabel = "FILE",
            description = "The sanctions and high-risk list KYC screens against (default: the demo list built in; "
                    + "the format is described in docs/accounts.md).")
    Path screeningList;

    @CommandLine.Option(names = "--mail-from", paramLabel = "ADDRESS", defaultValue = "Bourse <no-reply@localhost>",
            description = "The sender of Bourse's mail. Mail goes out over SMTP when the environment variable "
                    + "BOURSE_SMTP_URL is set (smtp://user:password@host:587?starttls=true); otherwise it stays in "
                    + "the local mailbox (GET /bourse/operator/mailbox).")
    String mailFrom;

    @CommandLine.Option(names = "--evm-rpc", paramLabel = "URL",
            description = "An Ethereum node's JSON-RPC URL: the ETH network then runs on it (ETH, and USDT when "
                    + "--evm-usdt-contract is given) instead of on the simulated chain.")
    String evmRpc;

    @CommandLine.Option(names = "--evm-hot-wallet-key-file", paramLabel = "FILE",
            description = "A file holding the hex private key withdrawals on the EVM network are paid from "
                    + "(required with --evm-rpc; keep it readable by the owner only).")
    Path evmHotWalletKeyFile;

    @CommandLine.Option(names = "--evm-usdt-contract", paramLabel = "ADDRESS",
            description = "The USDT (6 decimals) ERC-20 contract on the EVM network.")
    String evmUsdtContract;

    @CommandLine.Option(names = "--no-bots", description = "List the demo markets but start no bots.")
    boolean noBots;

    @CommandLine.Option(names = "--seconds", paramLabel = "N",
            description = "Stop after N seconds (default: run until interrupted).")
    Integer seconds;

    @CommandLine.Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the bots' choices.")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BourseCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(BourseCli::explain)
                .execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Database db = dbUrl == null ? Database.embedded(dataDir.resolve("postgres"))
                : Database.external(dbUrl, null, null);
        MasterKey masterKey = MasterKey.load(System.getenv("BOURSE_MASTER_KEY"), dataDir.resolve("master.key"));
        Accounts accounts = new Accounts(db, masterKey);
        Platform platform = new Platform(db, masterKey, accounts,
                PlatformConfig.defaults("http://127.0.0.1:" + port, dataDir),
                screeningList == null ? Screening.defaults() : Screening.fromFile(screeningList), Clock.systemUTC());
        String smtp = System.getenv("BOURSE_SMTP_URL");
        OutboxDispatcher mail = new OutboxDispatcher(platform.outbox(),
                smtp == null || smtp.isBlank() ? MailSender.LOCAL_MAILBOX : new SmtpSender(smtp, mailFrom)).start();
        History history = new History(db);
        MarketSummary summary = new MarketSummary();
        MarketData marketData = new MarketData(HistoryTrades.of(history));
        UserData userData = new UserData();
        HistoryWriter historyWriter = new HistoryWriter(db);
        userData.storedUpTo(historyWriter::writtenSequence);
        CoreConfig config = CoreConfig.defaults(dataDir).withFsync(fsync);
        ExchangeCore core = ExchangeCore.start(config, List.of(summary, marketData, userData, historyWriter));
        Wallet wallet = new Wallet(db, platform, core, DemoNetworks.networks(), chains(db, masterKey),
                new MarketValuation(marketData), WithdrawalConfig.defaults(), DemoMarkets.FIAT_CURRENCIES,
                new SandboxGateway(sandboxSecret(), "http://127.0.0.1:" + port), Clock.systemUTC()).start(1_000);
        BlockProducer blocks = new BlockProducer(wallet, DemoNetworks.networks()).start(BLOCK_EVERY_MS);
        Vertx vertx = Vertx.vertx();
        InMemoryApiKeys botKeys = new InMemoryApiKeys();
        ApiServer api;
        try {
            api = ApiServer.start(vertx, ApiConfig.defaults(port), new Backends(core, marketData, userData,
                    ApiKeys.layered(botKeys, new StoredApiKeys(accounts)), history, accounts,
                    OperatorToken.createOrRead(dataDir), platform, wallet));
        } catch (RuntimeException e) {
            vertx.close();
            core.close();
            db.close();
            throw new IOException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            blocks.close();
            wallet.close();
            stop(core, summary);
            mail.close();
            try {
                db.close();
            } catch (IOException e) {
                LOG.error("closing the database failed", e);
            }
            stopped.countDown();
        }, "bourse-shutdown"));

        // Listing and funding are the operator's commands; the bots then trade through the public API.
        Consumer<Command> operator = command -> core.submit(command, result -> {
            if (!DemoBots.expected(result)) {
                LOG.error("demo command {} ended {} {}", command, result.status(), result.reject());
            }
        });
        if (core.recovery().lastSequence() == 0) {
            for (Command c : DemoMarkets.listing()) {
                CommandResult r = core.submit(c).join();
                if (r.status() != CommandResult.Status.ACCEPTED) {
                    throw new IllegalStateException("listing " + c + " failed: " + r.status() + " " + r.reject());
                }
            }
        }
        DemoBots bots = new DemoBots(seed);
        if (!noBots && core.recovery().lastSequence() == 0) {
            bots.funding().forEach(operator);
        }
        ApiBotDriver send = new ApiBotDriver("http://127.0.0.1:" + api.port(), botKeys, bots.accounts());
        System.out.println("Bourse is running: " + DemoMarkets.MARKETS.size() + " markets ("
                + String.join(", ", DemoMarkets.MARKETS.stream().map(DemoMarkets.Market::symbol).toList()) + ")"
                + (noBots ? ", no bots" : ", bots trading") + "; data in " + dataDir.toAbsolutePath()
                + ". Ctrl-C stops.");
        System.out.println("Open http://127.0.0.1:" + api.port() + "/api/v3/ticker/24hr  (Binance API base URL: "
                + "http://127.0.0.1:" + api.port() + ")");
        long end = seconds == null ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1000L;
        long nextReport = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end && core.accepting()) {
            if (!noBots) {
                bots.step(send, send::drain);
            }
            if (System.currentTimeMillis() >= nextReport) {
                System.out.print(summary.describe());
                System.out.println("  backlog (commands not yet processed) " + core.backlogs());
                nextReport += 10_000;
            }
            // Bots re-quote twice a second: ~220 commands/s, about 1.3 GB of journal per day of running.
            Thread.sleep(500);
        }
        System.exit(core.accepting() ? 0 : 1); // runs the shutdown hook: snapshot, flush, close
        stopped.await();
        return 0;
    }

    /** The demo's simulated chains, with the ETH network on a real node when --evm-rpc says so. */
    private List<ChainAdapter> chains(Database db, MasterKey masterKey) throws IOException {
        List<ChainAdapter> chains = new java.util.ArrayList<>(DemoNetworks.chains(db, Clock.systemUTC()));
        if (evmRpc == null) {
            return chains;
        }
        if (evmHotWalletKeyFile == null) {
            throw new IOException("--evm-rpc needs --evm-hot-wallet-key-file");
        }
        String hotKey = java.nio.file.Files.readString(evmHotWalletKeyFile).trim();
        List<EvmAsset> assets = new java.util.ArrayList<>(List.of(new EvmAsset("ETH", null, 18, DemoMarkets.SCALE)));
        if (evmUsdtContract != null) {
            assets.add(new EvmAsset("USDT", evmUsdtContract, 6, DemoMarkets.SCALE));
        }
        chains.removeIf(c -> c.network().equals("ETH"));
        chains.add(new EvmChain("ETH", evmRpc, hotKey, assets, db.jdbi(), masterKey, Clock.systemUTC()));
        return chains;
    }

    /** The sandbox signs and checks its own webhooks in this process: a fresh secret per run is enough. */
    private static byte[] sandboxSecret() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return secret;
    }

    /** Expected failures (a missing directory, a damaged journal) get a one-line message; bugs a stack trace. */
    private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof IOException) {
            System.err.println("error: " + e.getMessage());
        } else {
            LOG.error("bourse failed unexpectedly", e);
        }
        return 1;
    }

    private static void stop(ExchangeCore core, MarketSummary summary) {
        try {
            core.close();
            Engine engine = core.engineAfterClose();
            List<String> problems = Invariants.violations(engine);
            System.out.printf("%nstopped at sequence %d after %d commands and %d trades in this run; state hash %s; "
                            + "invariants %s%n", engine.lastSequence(), summary.commands(), summary.totalTrades(),
                    engine.stateHash().substring(0, 16), problems.isEmpty() ? "hold" : "BROKEN: " + problems);
        } catch (IOException | RuntimeException e) {
            LOG.error("shutdown failed", e);
        }
    }
}
