package io.bourse.api;

import com.binance.connector.client.impl.SpotClientImpl;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import static io.bourse.api.TestParams.params;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders, fills, public trades and klines are still there after the exchange restarts (the history store). */
class HistoryRestartTest {
    @TempDir
    Path dir;

    private static SpotClientImpl client(LiveExchange exchange, long user, String name) {
        String key = (name + "0".repeat(64)).substring(0, 64);
        exchange.keys.put(ApiKey.hmac(key, user, Set.of(Permission.READ, Permission.TRADE),
                name.getBytes(StandardCharsets.US_ASCII)));
        return new SpotClientImpl(key, name, exchange.baseUrl());
    }

    @Test
    void historySurvivesARestart() throws Exception {
        long filledId;
        long tradeId;
        long klineOpen;
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            exchange.fund(1, LiveExchange.USDT, "100000");
            exchange.fund(2, LiveExchange.BTC, "1");
            SpotClientImpl alice = client(exchange, 1, "alice");
            SpotClientImpl bob = client(exchange, 2, "bob");
            filledId = new JSONObject(alice.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY",
                    "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "60000"))).getLong("orderId");
            bob.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET",
                    "quantity", "0.1"));
            exchange.settle();
            tradeId = new JSONArray(alice.createMarket().trades(params("symbol", "BTCUSDT"))).getJSONObject(0)
                    .getLong("id");
            klineOpen = new JSONArray(alice.createMarket().klines(params("symbol", "BTCUSDT", "interval", "1m")))
                    .getJSONArray(0).getLong(0);
        }
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            SpotClientImpl alice = client(exchange, 1, "alice");
            JSONObject order = new JSONObject(alice.createTrade().getOrder(params("symbol", "BTCUSDT",
                    "orderId", filledId)));
            assertThat(order.getString("status")).isEqualTo("FILLED");
            JSONArray all = new JSONArray(alice.createTrade().getOrders(params("symbol", "BTCUSDT")));
            assertThat(all.length()).isEqualTo(1);
            JSONArray mine = new JSONArray(alice.createTrade().myTrades(params("symbol", "BTCUSDT")));
            assertThat(mine.length()).isEqualTo(1);
            assertThat(mine.getJSONObject(0).getLong("id")).isEqualTo(tradeId);
            assertThat(mine.getJSONObject(0).getBoolean("isBuyer")).isTrue();
            JSONArray trades = new JSONArray(alice.createMarket().trades(params("symbol", "BTCUSDT")));
            assertThat(trades.getJSONObject(0).getLong("id")).isEqualTo(tradeId);
            JSONArray klines = new JSONArray(alice.createMarket().klines(params("symbol", "BTCUSDT",
                    "interval", "1m", "startTime", klineOpen, "limit", 1)));
            assertThat(klines.getJSONArray(0).getString(5)).isEqualTo("0.10000000");
            JSONObject ticker = new JSONObject(alice.createMarket().ticker24H(params("symbol", "BTCUSDT")));
            assertThat(ticker.getString("lastPrice")).isEqualTo("60000.00000000");
        }
    }
}
