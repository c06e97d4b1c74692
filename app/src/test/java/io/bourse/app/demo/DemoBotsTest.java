package io.bourse.app.demo;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.command.Command;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class DemoBotsTest {
    @Test
    void botsShouldKeepEveryDemoMarketTradingWithoutBreakingInvariants() {
        MarketSummary summary = new MarketSummary();
        Engine engine = new Engine(summary);
        long[] sequence = {0};
        long[] clockMs = {1_700_000_000_000L};
        Consumer<Command> send = DemoBots.sender(engine, sequence, clockMs);
        DemoMarkets.listing().forEach(send);
        DemoBots bots = new DemoBots(7);
        bots.funding().forEach(send);

        for (int round = 0; round < 300; round++) {
            clockMs[0] += 100;
            bots.step(send);
        }

        for (int s = 0; s < DemoMarkets.MARKETS.size(); s++) {
            assertThat(summary.trades(s)).as(DemoMarkets.MARKETS.get(s).symbol()).isPositive();
            assertThat(engine.books().levelCount(s, io.bourse.engine.Side.BUY)).isBetween(5, 10);
        }
        assertThat(Invariants.violations(engine)).isEmpty();
        assertThat(summary.describe()).contains("BTCUSDT", "ETHBTC");
    }
}
