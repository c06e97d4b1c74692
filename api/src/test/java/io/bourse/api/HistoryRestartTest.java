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
import java.util.List;
import java.util.Set;

import static io.bourse.api.TestParams.params;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders, fills, public trades and klines are still there after the exchange restarts (the history store). */
class HistoryRestartTest {
    @TempDir
    Path dir;

    /** A client of {@code user} with the key {@link #key}({@code name}) and the secret {@code name}. */
    private static SpotClientImpl client(LiveExchange exchange, long user, String name) {
        exchange.keys.put(ApiKey.hmac(key(name), user, Set.of(Permission.READ, Permission.TRADE),
                name.getBytes(StandardCharsets.US_ASCII)));
        return new SpotClientImpl(key(name), name, exchange.baseUrl());
    }

    private static String key(String name) {
        return (name + "0".repeat(64)).substring(0, 64);
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

    /**
     * Closed order lists (with their client id), an amended order's new client id and its amendment, and prevented
     * matches are still found after a restart, when only the history store has them.
     */
    @Test
    void orderListsClientIdsAndPreventedMatchesSurviveARestart() throws Exception {
        long preventedMaker;
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            exchange.fund(2, LiveExchange.BTC, "1");
            SpotClientImpl bob = client(exchange, 2, "bob");
            String key = key("bob");
            assertThat(exchange.signed(key, "bob", "POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL"
                    + "&quantity=0.1&aboveType=LIMIT_MAKER&abovePrice=70000&belowType=STOP_LOSS&belowStopPrice=40000"
                    + "&listClientOrderId=keep-me").statusCode()).isEqualTo(200);
            assertThat(exchange.signed(key, "bob", "DELETE", "/api/v3/orderList",
                    "symbol=BTCUSDT&listClientOrderId=keep-me").statusCode()).isEqualTo(200);
            long id = new JSONObject(bob.createTrade().newOrder(params("symbol", "BTCUSDT",
                    "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "65000")))
                    .getLong("orderId");
            assertThat(exchange.signed(key, "bob", "PUT", "/api/v3/order/amend/keepPriority",
                    "symbol=BTCUSDT&orderId=" + id + "&newQty=0.05&newClientOrderId=renamed").statusCode())
                    .isEqualTo(200);
            bob.createTrade().cancelOrder(params("symbol", "BTCUSDT", "orderId", id));
            exchange.fund(2, LiveExchange.USDT, "10000");
            long maker = new JSONObject(bob.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "SELL",
                    "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "66000"))).getLong("orderId");
            bob.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                    "timeInForce", "IOC", "quantity", "0.1", "price", "66000", "selfTradePreventionMode",
                    "EXPIRE_TAKER"));
            bob.createTrade().cancelOrder(params("symbol", "BTCUSDT", "orderId", maker));
            preventedMaker = maker;
            exchange.settle();
        }
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            SpotClientImpl bob = client(exchange, 2, "bob");
            String key = key("bob");
            JSONArray lists = new JSONArray(exchange.signed(key, "bob", "GET", "/api/v3/allOrderList", "").body());
            assertThat(lists.length()).isEqualTo(1);
            assertThat(lists.getJSONObject(0).getString("listClientOrderId")).isEqualTo("keep-me");
            assertThat(lists.getJSONObject(0).getString("listOrderStatus")).isEqualTo("ALL_DONE");
            JSONObject one = new JSONObject(exchange.signed(key, "bob", "GET", "/api/v3/orderList",
                    "origClientOrderId=keep-me").body());
            assertThat(one.getLong("orderListId")).isEqualTo(lists.getJSONObject(0).getLong("orderListId"));
            assertThat(one.getJSONArray("orders").length()).isEqualTo(2);
            JSONObject renamed = new JSONObject(bob.createTrade().getOrder(params("symbol", "BTCUSDT",
                    "origClientOrderId", "renamed")));
            assertThat(renamed.getString("status")).isEqualTo("CANCELED");
            assertThat(renamed.getString("origQty")).isEqualTo("0.05000000");
            JSONObject amendment = new JSONArray(exchange.signed(key, "bob", "GET", "/api/v3/order/amendments",
                    "symbol=BTCUSDT&orderId=" + renamed.getLong("orderId")).body()).getJSONObject(0);
            assertThat(amendment.getString("newClientOrderId")).isEqualTo("renamed");
            assertThat(amendment.getString("origQty")).isEqualTo("0.10000000");
            org.json.JSONArray prevented = new org.json.JSONArray(exchange.signed(key, "bob", "GET",
                    "/api/v3/myPreventedMatches", "symbol=BTCUSDT&orderId=" + preventedMaker).body());
            assertThat(prevented.length()).isEqualTo(1);
            assertThat(prevented.getJSONObject(0).getString("selfTradePreventionMode")).isEqualTo("EXPIRE_TAKER");
            assertThat(prevented.getJSONObject(0).getString("makerPreventedQuantity")).isEqualTo("0.10000000");
        }
    }

    /**
     * Aggregate trades keep their ids across a restart (an aggregate's id is its first fill's), and those older than
     * memory holds after it are folded from the history store's trades.
     */
    @Test
    void aggTradesKeepTheirIdsAndOlderOnesComeFromTheHistoryStore() throws Exception {
        long twoDaysAgo = System.currentTimeMillis() - 2 * 86_400_000L;
        String before;
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            exchange.fund(1, LiveExchange.USDT, "100000");
            exchange.fund(2, LiveExchange.BTC, "1");
            SpotClientImpl alice = client(exchange, 1, "alice");
            SpotClientImpl bob = client(exchange, 2, "bob");
            for (String price : List.of("60000", "60000", "60001")) {
                bob.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "SELL", "type", "LIMIT",
                        "timeInForce", "GTC", "quantity", "0.1", "price", price));
            }
            alice.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                    "quantity", "0.3"));
            exchange.settle();
            before = alice.createMarket().aggTrades(params("symbol", "BTCUSDT"));
            JSONArray aggs = new JSONArray(before);
            assertThat(aggs.length()).isEqualTo(2);
            JSONObject first = aggs.getJSONObject(0);
            assertThat(first.getLong("a")).isEqualTo(first.getLong("f"));
            assertThat(first.getLong("l")).isEqualTo(first.getLong("f") + 1);
            assertThat(first.getString("q")).isEqualTo("0.20000000");
            // fills of two days ago, as a long-running exchange would have written them: taker order 70 buys from
            // two makers at one price (one aggregate), then taker order 73 sells
            exchange.db.jdbi().useHandle(h -> {
                for (long[] t : new long[][] {{900001, 70, 71, 0}, {900002, 70, 72, 0}, {900003, 74, 73, 1}}) {
                    h.execute("INSERT INTO trades VALUES (0, ?, ?, ?, ?, ?, ?, 7, 8, ?, 0, 0, ?)", t[0],
                            LiveExchange.units("59000"), LiveExchange.units("0.5"), LiveExchange.units("29500"),
                            t[1], t[2], t[3] == 1, twoDaysAgo);
                }
            });
        }
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            SpotClientImpl alice = client(exchange, 1, "alice");
            assertThat(alice.createMarket().aggTrades(params("symbol", "BTCUSDT"))).isEqualTo(before);
            JSONArray old = new JSONArray(alice.createMarket().aggTrades(params("symbol", "BTCUSDT",
                    "startTime", twoDaysAgo - 1000, "endTime", twoDaysAgo + 1000)));
            assertThat(old.length()).isEqualTo(2);
            JSONObject taken = old.getJSONObject(0);
            assertThat(List.of(taken.getLong("a"), taken.getLong("f"), taken.getLong("l")))
                    .containsExactly(900001L, 900001L, 900002L);
            assertThat(taken.getString("q")).isEqualTo("1.00000000");
            assertThat(taken.getBoolean("m")).isFalse();
            assertThat(old.getJSONObject(1).getLong("a")).isEqualTo(900003L);
            assertThat(old.getJSONObject(1).getBoolean("m")).isTrue();
        }
    }

    /**
     * Klines older than what memory holds after a restart (its last 25 hours) are folded from the history store's
     * trades; the day split between the two is one kline; days without trades are flat at the previous close.
     */
    @Test
    void klinesOlderThanMemoryComeFromTheHistoryStore() throws Exception {
        long day = 86_400_000L;
        long today = System.currentTimeMillis() / day * day;
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            exchange.fund(1, LiveExchange.USDT, "100000");
            exchange.fund(2, LiveExchange.BTC, "1");
            SpotClientImpl alice = client(exchange, 1, "alice");
            client(exchange, 2, "bob").createTrade().newOrder(params("symbol", "BTCUSDT", "side", "SELL",
                    "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "61000"));
            alice.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                    "quantity", "0.1"));
            exchange.settle();
            // two older trades, as a long-running exchange would have written them: three and two days ago
            exchange.db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO trades VALUES (0, 900001, ?, ?, ?, 0, 0, 7, 8, false, 0, 0, ?)",
                        LiveExchange.units("58000"), LiveExchange.units("0.5"), LiveExchange.units("29000"),
                        today - 3 * day + 3_600_000);
                h.execute("INSERT INTO trades VALUES (0, 900002, ?, ?, ?, 0, 0, 7, 8, true, 0, 0, ?)",
                        LiveExchange.units("59000"), LiveExchange.units("0.2"), LiveExchange.units("11800"),
                        today - 2 * day + 7_200_000);
            });
        }
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            SpotClientImpl alice = client(exchange, 1, "alice");
            JSONArray days = new JSONArray(alice.createMarket().klines(params("symbol", "BTCUSDT", "interval", "1d",
                    "startTime", today - 4 * day)));
            assertThat(days.length()).isEqualTo(4);
            assertThat(days.getJSONArray(0).getLong(0)).isEqualTo(today - 3 * day);
            assertThat(days.getJSONArray(0).getString(1)).isEqualTo("58000.00000000");
            assertThat(days.getJSONArray(0).getString(5)).isEqualTo("0.50000000");
            assertThat(days.getJSONArray(0).getString(9)).isEqualTo("0.50000000");
            assertThat(days.getJSONArray(1).getString(4)).isEqualTo("59000.00000000");
            assertThat(days.getJSONArray(1).getString(9)).isEqualTo("0.00000000");
            JSONArray flat = days.getJSONArray(2);
            assertThat(List.of(flat.getString(1), flat.getString(2), flat.getString(3), flat.getString(4)))
                    .containsOnly("59000.00000000");
            assertThat(flat.getInt(8)).isZero();
            assertThat(days.getJSONArray(3).getLong(0)).isEqualTo(today);
            assertThat(days.getJSONArray(3).getString(4)).isEqualTo("61000.00000000");
            assertThat(days.getJSONArray(3).getString(5)).isEqualTo("0.10000000");

            JSONArray latest = new JSONArray(alice.createMarket().klines(params("symbol", "BTCUSDT", "interval",
                    "1d", "limit", 3)));
            assertThat(latest.length()).isEqualTo(3);
            assertThat(latest.getJSONArray(0).getLong(0)).isEqualTo(today - 2 * day);
            JSONArray hours = new JSONArray(alice.createMarket().klines(params("symbol", "BTCUSDT", "interval",
                    "1h", "startTime", today - 3 * day, "limit", 2)));
            assertThat(hours.getJSONArray(0).getLong(0)).isEqualTo(today - 3 * day + 3_600_000);
            assertThat(hours.getJSONArray(1).getString(1)).isEqualTo("58000.00000000");
            assertThat(hours.getJSONArray(1).getInt(8)).isZero();
            JSONArray zoned = new JSONArray(alice.createMarket().klines(params("symbol", "BTCUSDT", "interval",
                    "1d", "startTime", today - 4 * day, "timeZone", "+08:00")));
            long volume = 0;
            for (int i = 0; i < zoned.length(); i++) {
                volume += LiveExchange.units(zoned.getJSONArray(i).getString(5));
            }
            assertThat(volume).isEqualTo(LiveExchange.units("0.8"));
        }
    }
}
