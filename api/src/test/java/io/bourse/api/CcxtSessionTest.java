package io.bourse.api;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.PlaceOrder;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.bourse.api.LiveExchange.BTCUSDT;
import static io.bourse.api.LiveExchange.units;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CCXT (the npm package, unchanged, pointed at Bourse) runs a spot session: markets, book, tickers, OHLCV,
 * trades, balance, limit and market orders, fetch / cancel, open orders, my trades, error mapping, and the
 * watched order book (CCXT checks every diff's ids) and trades. The script is clients/ccxt/session.mjs.
 */
class CcxtSessionTest {
    static final Path CLIENT = Path.of("..", "clients", "ccxt").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void ccxtTradesOnBourse() throws Exception {
        installCcxt();
        try (LiveExchange exchange = new LiveExchange(dir)) {
            exchange.fund(1, LiveExchange.USDT, "100000");
            exchange.fund(1, LiveExchange.BTC, "5");
            exchange.fund(9, LiveExchange.USDT, "10000000");
            exchange.fund(9, LiveExchange.BTC, "1000");
            String key = "ccxt" + "0".repeat(60);
            exchange.keys.put(ApiKey.hmac(key, 1, Set.of(Permission.READ, Permission.TRADE),
                    "ccxt-secret".getBytes(StandardCharsets.US_ASCII)));
            // a backstop the re-quoting maker never cancels, so a market order always finds liquidity
            exchange.fund(8, LiveExchange.USDT, "100000");
            exchange.fund(8, LiveExchange.BTC, "1");
            exchange.submit(PlaceOrder.limit(BTCUSDT, 8, Side.SELL, units("60050"), units("0.5"), TimeInForce.GTC));
            exchange.submit(PlaceOrder.limit(BTCUSDT, 8, Side.BUY, units("59950"), units("0.5"), TimeInForce.GTC));
            AtomicBoolean running = new AtomicBoolean(true);
            Thread maker = Thread.ofPlatform().name("test-maker").start(() -> quote(exchange, running));
            try {
                Path log = dir.resolve("ccxt.log");
                Process node = new ProcessBuilder("node", "session.mjs", exchange.baseUrl(), key, "ccxt-secret")
                        .directory(CLIENT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                boolean finished = node.waitFor(120, TimeUnit.SECONDS);
                if (!finished) {
                    node.destroyForcibly();
                }
                String output = Files.readString(log).trim();
                assertThat(finished).as("CCXT session finished: %s", output).isTrue();
                assertThat(node.exitValue()).as(output).isZero();
                JSONObject out = new JSONObject(output.substring(output.lastIndexOf('\n') + 1));
                assertThat(out.getJSONArray("markets").toList()).containsExactly("BTC/USDT", "ETH/BTC");
                assertThat(out.getJSONObject("btcusdtPrecision").getDouble("price")).isEqualTo(0.01);
                assertThat(out.getInt("bookBids")).isPositive();
                assertThat(out.getInt("tickers")).isEqualTo(2);
                assertThat(out.getDouble("balanceUSDT")).isEqualTo(100000.0);
                assertThat(out.getJSONArray("feeSymbols").toList()).containsExactly("BTC/USDT", "ETH/BTC");
                assertThat(out.getDouble("btcusdtTakerFee")).isEqualTo(0.001);
                assertThat(out.getDouble("ethbtcMakerFee")).isEqualTo(0.001);
                assertThat(out.getString("limitStatus")).isEqualTo("open");
                assertThat(out.getString("fetchedStatus")).isEqualTo("open");
                assertThat(out.getInt("openOrders")).isEqualTo(1);
                assertThat(out.getString("cancelledStatus")).isEqualTo("canceled");
                assertThat(out.getString("marketStatus")).isEqualTo("closed");
                assertThat(out.getDouble("marketFilled")).isEqualTo(0.001);
                assertThat(out.getInt("myTrades")).isPositive();
                assertThat(out.getString("unknownOrder")).isEqualTo("OrderNotFound");
                assertThat(out.getString("insufficient")).isEqualTo("InsufficientFunds");
                assertThat(out.getLong("watchedBookNonce")).isPositive();
                assertThat(out.getInt("watchedTrades")).isPositive();
                assertThat(out.getDouble("watchedTickerLast")).isPositive();
                assertThat(out.getInt("watchedCandles")).isPositive();
                assertThat(out.getInt("watchedOrders")).isPositive();
                assertThat(out.getString("watchedOrderStatus")).isIn("open", "canceled");
                assertThat(out.getDouble("watchedBalanceUSDT")).isPositive();
                assertThat(out.getString("wsOrderStatus")).isEqualTo("open");
            } finally {
                running.set(false);
                maker.join();
            }
        }
    }

    /** A market maker re-quoting every 50 ms, so the diff-depth stream has something to say. */
    private static void quote(LiveExchange exchange, AtomicBoolean running) {
        int i = 0;
        while (running.get()) {
            exchange.core.submit(new CancelAllOrders(BTCUSDT, 9));
            for (int level = 1; level <= 5; level++) {
                long offset = units("1") * (level + i % 3);
                exchange.core.submit(PlaceOrder.limit(BTCUSDT, 9, Side.BUY, units("60000") - offset, units("0.01"),
                        TimeInForce.GTC));
                exchange.core.submit(PlaceOrder.limit(BTCUSDT, 9, Side.SELL, units("60000") + offset,
                        units("0.01"), TimeInForce.GTC));
            }
            i++;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Installs the pinned CCXT with npm on a machine that lacks it (CI starts from a clean clone). */
    static void installCcxt() throws IOException, InterruptedException {
        if (Files.isDirectory(CLIENT.resolve("node_modules").resolve("ccxt"))) {
            return;
        }
        List<String> command = Files.exists(CLIENT.resolve("package-lock.json"))
                ? List.of("npm", "ci", "--no-audit", "--no-fund") : List.of("npm", "install", "--no-audit", "--no-fund");
        Process npm = new ProcessBuilder(command).directory(CLIENT.toFile())
                .redirectErrorStream(true).redirectOutput(new File(CLIENT.toFile(), "npm-install.log")).start();
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
        assertThat(npm.exitValue()).as("npm install (see clients/ccxt/npm-install.log)").isZero();
    }
}
