package io.bourse.app.demo;

import io.bourse.api.ApiConfig;
import io.bourse.api.ApiServer;
import io.bourse.api.Backends;
import io.bourse.api.auth.InMemoryApiKeys;
import io.bourse.api.userdata.UserData;
import io.bourse.engine.command.Command;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo bots trade every demo market through the public HTTP API, signing like any client. */
class ApiBotDriverTest {
    @TempDir
    Path dir;

    @Test
    void botsTradeEveryMarketThroughTheApi() throws Exception {
        MarketSummary summary = new MarketSummary();
        MarketData marketData = new MarketData();
        UserData userData = new UserData();
        Vertx vertx = Vertx.vertx();
        try (ExchangeCore core = ExchangeCore.start(CoreConfig.defaults(dir), List.of(summary, marketData,
                userData))) {
            for (Command c : DemoMarkets.listing()) {
                core.submit(c).join();
            }
            DemoBots bots = new DemoBots(3);
            bots.funding().forEach(c -> core.submit(c).join());
            InMemoryApiKeys keys = new InMemoryApiKeys();
            ApiServer api = ApiServer.start(vertx, ApiConfig.defaults(0),
                    new Backends(core, marketData, userData, keys, null, null, null, null, null));
            ApiBotDriver driver = new ApiBotDriver("http://127.0.0.1:" + api.port(), keys, bots.accounts());
            for (int round = 0; round < 40; round++) {
                bots.step(driver, driver::drain);
                driver.drain();
            }
            assertThat(driver.failures()).isZero();
            while (core.backlogs().values().stream().anyMatch(b -> b > 0)) {
                Thread.sleep(1);
            }
            for (int s = 0; s < DemoMarkets.MARKETS.size(); s++) {
                assertThat(summary.trades(s)).as(DemoMarkets.MARKETS.get(s).symbol()).isPositive();
                assertThat(marketData.market(s).depth(20).bids()).isNotEmpty();
            }
            api.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
