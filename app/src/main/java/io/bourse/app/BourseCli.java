package io.bourse.app;

import io.bourse.app.demo.DemoBots;
import io.bourse.app.demo.DemoMarkets;
import io.bourse.app.demo.MarketSummary;
import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;

import picocli.CommandLine;



import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The {@code bourse} command. Today it starts the engine with the demo markets and their bots and prints what
 * happens; the HTTP and WebSocket API, durability and accounts arrive with their issues.
 */
@CommandLine.Command(name = "bourse", mixinStandardHelpOptions = true, version = "Bourse 0.1.0-SNAPSHOT",
        description = "Starts the Bourse exchange engine with demo markets (BTCUSDT, ETHUSDT, BNBUSDT, SOLUSDT, "
                + "ETHBTC) and market-maker and taker bots, and prints a summary every second.")
public final class BourseCli implements Callable<Integer> {
    @CommandLine.Option(names = "--no-bots", description = "List the demo markets but start no bots.")
    boolean noBots;

    @CommandLine.Option(names = "--seconds", paramLabel = "N",
            description = "Stop after N seconds (default: run until interrupted).")
    Integer seconds;

    @CommandLine.Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the bots' choices.")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BourseCli()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        MarketSummary summary = new MarketSummary();
        Engine engine = new Engine(summary);
        long[] sequence = {0};
        long[] clockMs = {System.currentTimeMillis()};
        Consumer<io.bourse.engine.command.Command> send = DemoBots.sender(engine, sequence, clockMs);
        DemoMarkets.listing().forEach(send);
        DemoBots bots = new DemoBots(seed);
        if (!noBots) {
            bots.funding().forEach(send);
        }
        System.out.println("Bourse engine started: " + DemoMarkets.MARKETS.size() + " markets ("
                + String.join(", ", DemoMarkets.MARKETS.stream().map(DemoMarkets.Market::symbol).toList()) + ")"
                + (noBots ? ", no bots" : ", bots trading") + ". Ctrl-C stops.");
        System.out.println("(The HTTP and WebSocket API, with a URL to open, arrive with the API issue.)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> report(engine, summary, sequence[0])));
        long end = seconds == null ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1000L;
        long nextReport = System.currentTimeMillis() + 1000;
        while (System.currentTimeMillis() < end) {
            clockMs[0] = System.currentTimeMillis();
            if (!noBots) {
                bots.step(send);
            }
            if (clockMs[0] >= nextReport) {
                System.out.print(summary.describe());
                nextReport += 1000;
            }
            Thread.sleep(100);
        }
        return 0;
    }

    private static void report(Engine engine, MarketSummary summary, long commands) {
        List<String> problems = Invariants.violations(engine);
        System.out.printf("%nstopped after %d commands, %d trades; state hash %s; invariants %s%n", commands,
                summary.totalTrades(), engine.stateHash().substring(0, 16),
                problems.isEmpty() ? "hold" : "BROKEN: " + problems);
    }
}
