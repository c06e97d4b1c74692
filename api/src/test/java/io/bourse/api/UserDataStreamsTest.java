package io.bourse.api;

import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.WebSocketStreamClientImpl;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.api.auth.Signatures;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.bourse.api.TestParams.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User data over the legacy listenKey stream (Binance's connector) and over the WebSocket API. */
class UserDataStreamsTest {
    private static final String SECRET = "stream-secret";
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static String key;
    static SpotClientImpl client;

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir);
        exchange.fund(1, LiveExchange.USDT, "100000");
        key = "stream" + "0".repeat(58);
        exchange.keys.put(ApiKey.hmac(key, 1, Set.of(Permission.READ, Permission.TRADE),
                SECRET.getBytes(StandardCharsets.US_ASCII)));
        client = new SpotClientImpl(key, SECRET, exchange.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    private static JSONObject next(BlockingQueue<JSONObject> q, String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            JSONObject e = q.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.optString("e").equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " within 10 s");
    }

    @Test
    void listenKeyStreamCarriesOrderAndBalanceEvents() throws Exception {
        String listenKey = new JSONObject(client.createUserData().createListenKey()).getString("listenKey");
        assertThat(new JSONObject(client.createUserData().createListenKey()).getString("listenKey"))
                .as("asking again returns the same key").isEqualTo(listenKey);
        assertThat(client.createUserData().extendListenKey(params("listenKey", listenKey))).isEqualTo("{}");
        assertThatThrownBy(() -> client.createUserData().extendListenKey(params("listenKey", "nope")))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(-1125);
                    assertThat(e.getErrMsg()).isEqualTo("This listenKey does not exist.");
                });

        BlockingQueue<JSONObject> events = new LinkedBlockingQueue<>();
        WebSocketStreamClientImpl ws = new WebSocketStreamClientImpl(exchange.baseUrl().replace("http", "ws"));
        int connection = ws.listenUserStream(listenKey, msg -> events.add(new JSONObject(msg)));
        try {
            Thread.sleep(300);
            JSONObject placed = new JSONObject(client.createTrade().newOrder(params("symbol", "BTCUSDT",
                    "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "50000",
                    "newClientOrderId", "streamed-1")));
            JSONObject report = next(events, "executionReport");
            assertThat(report.getString("x")).isEqualTo("NEW");
            assertThat(report.getString("X")).isEqualTo("NEW");
            assertThat(report.getString("c")).isEqualTo("streamed-1");
            assertThat(report.getLong("i")).isEqualTo(placed.getLong("orderId"));
            assertThat(report.getString("p")).isEqualTo("50000.00000000");
            JSONObject position = next(events, "outboundAccountPosition");
            assertThat(position.getJSONArray("B").getJSONObject(0).getString("a")).isEqualTo("USDT");
            assertThat(position.getJSONArray("B").getJSONObject(0).getString("l")).isEqualTo("5000.00000000");

            JSONObject cancel = new JSONObject(client.createTrade().cancelOrder(params("symbol", "BTCUSDT",
                    "orderId", placed.getLong("orderId"), "newClientOrderId", "my-cancel")));
            assertThat(cancel.getString("clientOrderId")).isEqualTo("my-cancel");
            JSONObject cancelled = next(events, "executionReport");
            assertThat(cancelled.getString("x")).isEqualTo("CANCELED");
            // as on Binance: c is the cancel request's id, C the order's own
            assertThat(cancelled.getString("c")).isEqualTo("my-cancel");
            assertThat(cancelled.getString("C")).isEqualTo("streamed-1");

            exchange.fund(1, LiveExchange.BTC, "1");
            JSONObject deposit = next(events, "balanceUpdate");
            assertThat(deposit.getString("a")).isEqualTo("BTC");
            assertThat(deposit.getString("d")).isEqualTo("1.00000000");

            exchange.submit(new io.bourse.engine.command.PlaceOco(LiveExchange.BTCUSDT, 1, io.bourse.engine.Side.SELL,
                    LiveExchange.units("0.1"), io.bourse.engine.OrderType.LIMIT_MAKER, LiveExchange.units("70000"), 0,
                    null, "up", io.bourse.engine.OrderType.STOP_LOSS, 0, LiveExchange.units("40000"), null, "down",
                    null, "my-list"));
            JSONObject list = next(events, "listStatus");
            assertThat(list.getString("c")).isEqualTo("OCO");
            assertThat(list.getString("C")).isEqualTo("my-list");
            assertThat(list.getString("l")).isEqualTo("EXEC_STARTED");
            assertThat(list.getJSONArray("O").length()).isEqualTo(2);

            // self-trade prevention: the expired maker's report names the match and the taker
            long maker = new JSONObject(client.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "SELL",
                    "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "45000"))).getLong("orderId");
            long taker = new JSONObject(client.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY",
                    "type", "LIMIT", "timeInForce", "IOC", "quantity", "0.1", "price", "45000",
                    "selfTradePreventionMode", "EXPIRE_MAKER"))).getLong("orderId");
            JSONObject prevention = next(events, "executionReport");
            while (!prevention.getString("x").equals("TRADE_PREVENTION")) {
                prevention = next(events, "executionReport");
            }
            assertThat(prevention.getLong("i")).isEqualTo(maker);
            assertThat(prevention.getString("X")).isEqualTo("EXPIRED_IN_MATCH");
            assertThat(prevention.getLong("U")).isEqualTo(taker);
            assertThat(prevention.getString("B")).isEqualTo("0.10000000");
            assertThat(prevention.getString("Cs")).isEqualTo("BTCUSDT");
            assertThat(prevention.getLong("v")).isPositive();

            // a cancel-all: the stream reports the same new client id per order as the REST answer
            client.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                    "timeInForce", "GTC", "quantity", "0.01", "price", "30000", "newClientOrderId", "to-cancel"));
            JSONArray all = new JSONArray(client.createTrade().cancelOpenOrders(params("symbol", "BTCUSDT")));
            String givenId = null;
            for (int i = 0; i < all.length(); i++) {
                if (all.getJSONObject(i).optString("origClientOrderId").equals("to-cancel")) {
                    givenId = all.getJSONObject(i).getString("clientOrderId");
                }
            }
            JSONObject cancelledByAll = next(events, "executionReport");
            while (!cancelledByAll.getString("C").equals("to-cancel")) {
                cancelledByAll = next(events, "executionReport");
            }
            assertThat(cancelledByAll.getString("x")).isEqualTo("CANCELED");
            assertThat(cancelledByAll.getString("c")).isEqualTo(givenId).isNotEqualTo("to-cancel");
        } finally {
            ws.closeConnection(connection);
            client.createUserData().closeListenKey(params("listenKey", listenKey));
        }
    }

    /** A plain WebSocket client on the WebSocket API. */
    private static final class WsApiClient implements WebSocket.Listener {
        final BlockingQueue<JSONObject> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(new JSONObject(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JSONObject call(String method, Map<String, Object> params, Object id) throws InterruptedException {
            JSONObject request = new JSONObject().put("id", id).put("method", method).put("params", params);
            socket.sendText(request.toString(), true).join();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                JSONObject f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null && f.has("id") && String.valueOf(f.get("id")).equals(String.valueOf(id))) {
                    return f;
                }
                if (f != null) {
                    frames.add(f);
                    Thread.sleep(5);
                }
            }
            throw new AssertionError("no answer to " + method);
        }
    }

    /** Params signed as the WebSocket API wants: every parameter but the signature, sorted, joined k=v&…. */
    private static Map<String, Object> signed(Map<String, Object> params, String secret) {
        TreeMap<String, Object> sorted = new TreeMap<>(params);
        sorted.put("apiKey", key);
        sorted.put("timestamp", System.currentTimeMillis());
        String payload = sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        sorted.put("signature", Signatures.hmacHex(secret.getBytes(StandardCharsets.US_ASCII), payload));
        return sorted;
    }

    @Test
    void webSocketApiPlacesOrdersAndSubscribesToUserData() throws Exception {
        WsApiClient c = new WsApiClient();
        c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(exchange.baseUrl().replace("http", "ws") + "/ws-api/v3"), c).join();
        try {
            JSONObject time = c.call("time", Map.of(), 1);
            assertThat(time.getInt("status")).isEqualTo(200);
            assertThat(time.getJSONObject("result").getLong("serverTime")).isPositive();
            assertThat(time.getJSONArray("rateLimits").getJSONObject(0).getString("rateLimitType"))
                    .isEqualTo("REQUEST_WEIGHT");

            JSONObject sub = c.call("userDataStream.subscribe.signature", signed(Map.of(), SECRET), "sub");
            assertThat(sub.getInt("status")).isEqualTo(200);
            int subscriptionId = sub.getJSONObject("result").getInt("subscriptionId");
            JSONObject again = c.call("userDataStream.subscribe.signature", signed(Map.of(), SECRET), "again");
            assertThat(again.getJSONObject("error").getInt("code")).isEqualTo(-2035);

            JSONObject placed = c.call("order.place", signed(Map.of("symbol", "BTCUSDT", "side", "BUY",
                    "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.01", "price", "45000"), SECRET), 7);
            assertThat(placed.getInt("status")).isEqualTo(200);
            assertThat(placed.getJSONObject("result").getString("status")).isEqualTo("NEW");
            long orderId = placed.getJSONObject("result").getLong("orderId");

            JSONObject event = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (event == null && System.currentTimeMillis() < deadline) {
                JSONObject f = c.frames.poll(100, TimeUnit.MILLISECONDS);
                if (f != null && f.has("event") && f.getJSONObject("event").getString("e").equals("executionReport")) {
                    event = f;
                }
            }
            assertThat(event).isNotNull();
            assertThat(event.getInt("subscriptionId")).isEqualTo(subscriptionId);
            assertThat(event.getJSONObject("event").getLong("i")).isEqualTo(orderId);

            JSONObject status = c.call("order.status", signed(Map.of("symbol", "BTCUSDT", "orderId", orderId),
                    SECRET), 8);
            assertThat(status.getJSONObject("result").getString("status")).isEqualTo("NEW");
            JSONObject forged = c.call("order.cancel", signed(Map.of("symbol", "BTCUSDT", "orderId", orderId),
                    "wrong"), 9);
            assertThat(forged.getInt("status")).isEqualTo(400);
            assertThat(forged.getJSONObject("error").getInt("code")).isEqualTo(-1022);
            JSONObject cancelled = c.call("order.cancel", signed(Map.of("symbol", "BTCUSDT", "orderId", orderId),
                    SECRET), 10);
            assertThat(cancelled.getJSONObject("result").getString("status")).isEqualTo("CANCELED");
            assertThat(c.call("no.such.method", Map.of(), 11).getJSONObject("error").getInt("code"))
                    .isEqualTo(-1020);
            assertThat(c.call("userDataStream.unsubscribe", Map.of(), 12).getInt("status")).isEqualTo(200);
        } finally {
            c.socket.abort();
        }
    }

    @Test
    void aSessionLoggedOnWithAnEd25519KeyNeedsNoMoreSignatures() throws Exception {
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String edKey = "sessionEd25519" + "0".repeat(50);
        exchange.keys.put(ApiKey.ed25519(edKey, 1, Set.of(Permission.READ, Permission.TRADE), pair.getPublic()));
        WsApiClient c = new WsApiClient();
        c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(exchange.baseUrl().replace("http", "ws") + "/ws-api/v3"), c).join();
        try {
            assertThat(c.call("session.logon", signed(Map.of(), SECRET), 1).getJSONObject("error").getInt("code"))
                    .isEqualTo(-4056);
            assertThat(c.call("account.status", Map.of("timestamp", System.currentTimeMillis()), 2)
                    .getJSONObject("error").getInt("code")).isEqualTo(-2014);

            TreeMap<String, Object> logon = new TreeMap<>(Map.of("apiKey", edKey,
                    "timestamp", System.currentTimeMillis()));
            String payload = logon.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
            java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
            ed.initSign(pair.getPrivate());
            ed.update(payload.getBytes(StandardCharsets.US_ASCII));
            logon.put("signature", java.util.Base64.getEncoder().encodeToString(ed.sign()));
            JSONObject status = c.call("session.logon", logon, 3);
            assertThat(status.getInt("status")).isEqualTo(200);
            assertThat(status.getJSONObject("result").getString("apiKey")).isEqualTo(edKey);

            JSONObject placed = c.call("order.place", Map.of("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                    "timeInForce", "GTC", "quantity", "0.01", "price", "44000", "timestamp",
                    System.currentTimeMillis()), 4);
            assertThat(placed.getInt("status")).as(placed.toString()).isEqualTo(200);
            long orderId = placed.getJSONObject("result").getLong("orderId");
            JSONObject replaced = c.call("order.cancelReplace", Map.of("symbol", "BTCUSDT", "side", "BUY",
                    "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.01", "price", "44100",
                    "cancelReplaceMode", "STOP_ON_FAILURE", "cancelOrderId", orderId,
                    "timestamp", System.currentTimeMillis()), 5);
            assertThat(replaced.getJSONObject("result").getString("cancelResult")).isEqualTo("SUCCESS");
            assertThat(c.call("account.commission", Map.of("symbol", "BTCUSDT", "timestamp",
                    System.currentTimeMillis()), 6).getJSONObject("result").getString("symbol")).isEqualTo("BTCUSDT");
            assertThat(c.call("order.place", Map.of("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                    "timeInForce", "GTC", "quantity", "0.01", "price", "44000"), 7)
                    .getJSONObject("error").getInt("code")).isEqualTo(-1102);
            assertThat(c.call("userDataStream.subscribe", Map.of(), 8).getJSONObject("result").has("subscriptionId"))
                    .isTrue();
            assertThat(c.call("session.status", Map.of(), 9).getJSONObject("result").getBoolean("userDataStream"))
                    .isTrue();
            c.call("openOrders.cancelAll", Map.of("symbol", "BTCUSDT", "timestamp", System.currentTimeMillis()), 10);

            assertThat(c.call("session.logout", Map.of(), 11).getJSONObject("result").isNull("apiKey")).isTrue();
            assertThat(c.call("account.status", Map.of("timestamp", System.currentTimeMillis()), 12)
                    .getJSONObject("error").getInt("code")).isEqualTo(-2014);
        } finally {
            c.socket.abort();
        }
    }
}
