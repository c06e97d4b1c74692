package io.bourse.app.demo;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.Side;
import io.bourse.engine.command.Command;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class DemoBotsTest {
    @TempDir
    Path dataDir;

    @Test
    void botsKeepEveryDemoMarketTradingThroughTheCoreWithoutBreakingInvariants() throws IOException {
        MarketSummary summary = new MarketSummary();
        ExchangeCore core = ExchangeCore.start(CoreConfig.defaults(dataDir), List.of(summary));
        Consumer<Command> send = c -> {
            CommandResult r = core.submit(c).join();
            assertThat(DemoBots.expected(r)).as(c + " -> " + r.status() + " " + r.reject()).isTrue();
        };
        DemoMarkets.listing().forEach(send);
        DemoBots bots = new DemoBots(7);
        bots.funding().forEach(send);
        for (int round = 0; round < 100; round++) {
            bots.step(send);
        }
        core.close();

        Engine engine = core.engineAfterClose();
        for (int s = 0; s < DemoMarkets.MARKETS.size(); s++) {
            assertThat(summary.trades(s)).as(DemoMarkets.MARKETS.get(s).symbol()).isPositive();
            assertThat(engine.books().levelCount(s, Side.BUY)).isBetween(5, 10);
        }
        assertThat(Invariants.violations(engine)).isEmpty();
        assertThat(summary.describe()).contains("BTCUSDT", "ETHBTC");
    }
}
