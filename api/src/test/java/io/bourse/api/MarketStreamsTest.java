package io.bourse.api;

import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.WebSocketStreamClientImpl;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.event.EngineEvent;
import io.bourse.runtime.pipeline.CommandResult;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.bourse.api.LiveExchange.BTCUSDT;
import static io.bourse.api.TestParams.params;
import static io.bourse.api.LiveExchange.ETHBTC;
import static io.bourse.api.LiveExchange.units;
import static org.assertj.core.api.Assertions.assertThat;

/** Market streams, read by Binance's Java connector and a plain WebSocket client, while orders flow. */
class MarketStreamsTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir);
        exchange.fund(1, LiveExchange.USDT, "100000000");
        exchange.fund(1, LiveExchange.BTC, "1000");
        exchange.fund(2, LiveExchange.USDT, "100000000");
        exchange.fund(2, LiveExchange.BTC, "1000");
        exchange.fund(1, LiveExchange.ETH, "1000");
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    /** Random limit orders around 60,000 and cancels of earlier ones, from two users that trade with each other. */
    private static void flow(Random rnd, List<long[]> open, int count) {
        for (int i = 0; i < count; i++) {
            if (!open.isEmpty() && rnd.nextInt(3) == 0) {
                long[] userAndOrder = open.remove(rnd.nextInt(open.size()));
                exchange.core.submit(CancelOrder.byId(BTCUSDT, userAndOrder[0], userAndOrder[1]));
                continue;
            }
            long user = 1 + rnd.nextInt(2);
            Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            long price = units("60000") + (rnd.nextInt(41) - 20) * units("1");
            CommandResult r = exchange.core.submit(PlaceOrder.limit(BTCUSDT, user, side, price,
                    units("0.001") * (1 + rnd.nextInt(20)), TimeInForce.GTC)).join();
            r.events().stream().filter(e -> e instanceof EngineEvent.OrderUpdated)
                    .map(e -> ((EngineEvent.OrderUpdated) e).order()).findFirst()
                    .ifPresent(o -> open.add(new long[]{o.userId(), o.orderId()}));
        }
    }

    @Test
    void aLocalBookKeptFromTheDiffStreamMatchesTheRestSnapshot() throws Exception {
        BlockingQueue<JSONObject> events = new LinkedBlockingQueue<>();
        WebSocketStreamClientImpl streams = new WebSocketStreamClientImpl(
                exchange.baseUrl().replace("http://", "ws://"));
        int connection = streams.diffDepthStream("BTCUSDT", 100, msg -> events.add(new JSONObject(msg)));
        try {
            Random rnd = new Random(7);
            List<long[]> open = new ArrayList<>();
            flow(rnd, open, 200);
            // Binance's procedure: buffer the stream, take a snapshot, drop what it covers, apply the rest
            JSONObject first = events.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            JSONObject snapshot = new JSONObject(new SpotClientImpl(exchange.baseUrl()).createMarket()
                    .depth(params("symbol", "BTCUSDT", "limit", 1000)));
            long bookId = snapshot.getLong("lastUpdateId");
            assertThat(bookId).isGreaterThanOrEqualTo(first.getLong("U") - 1);
            TreeMap<String, String> bids = levels(snapshot.getJSONArray("bids"), true);
            TreeMap<String, String> asks = levels(snapshot.getJSONArray("asks"), false);
            flow(rnd, open, 300);
            exchange.settle();
            JSONObject now = new JSONObject(new SpotClientImpl(exchange.baseUrl()).createMarket()
                    .depth(params("symbol", "BTCUSDT", "limit", 1000)));
            boolean synced = false;
            JSONObject e = first;
            while (bookId < now.getLong("lastUpdateId")) {
                assertThat(e).as("diff events up to the snapshot's update id").isNotNull();
                assertThat(e.getString("e")).isEqualTo("depthUpdate");
                if (e.getLong("u") > bookId) {
                    if (synced) {
                        // CCXT's stricter rule: each later event starts right after the last one
                        assertThat(e.getLong("U")).isEqualTo(bookId + 1);
                    } else {
                        // the first event kept may straddle the snapshot: U <= lastUpdateId + 1 <= u
                        assertThat(e.getLong("U")).isLessThanOrEqualTo(bookId + 1);
                    }
                    apply(bids, e.getJSONArray("b"));
                    apply(asks, e.getJSONArray("a"));
                    bookId = e.getLong("u");
                    synced = true;
                }
                e = bookId < now.getLong("lastUpdateId") ? events.poll(10, TimeUnit.SECONDS) : null;
            }
            assertThat(synced).isTrue();
            assertThat(now.getLong("lastUpdateId")).isEqualTo(bookId);
            assertThat(bids).isEqualTo(levels(now.getJSONArray("bids"), true));
            assertThat(asks).isEqualTo(levels(now.getJSONArray("asks"), false));
        } finally {
            streams.closeConnection(connection);
        }
    }

    private static TreeMap<String, String> levels(JSONArray array, boolean bids) {
        TreeMap<String, String> map = new TreeMap<>(bids ? Comparator.<String, java.math.BigDecimal>comparing(
                java.math.BigDecimal::new).reversed() : Comparator.comparing(java.math.BigDecimal::new));
        for (int i = 0; i < array.length(); i++) {
            map.put(array.getJSONArray(i).getString(0), array.getJSONArray(i).getString(1));
        }
        return map;
    }

    private static void apply(TreeMap<String, String> side, JSONArray changes) {
        for (int i = 0; i < changes.length(); i++) {
            JSONArray l = changes.getJSONArray(i);
            if (new java.math.BigDecimal(l.getString(1)).signum() == 0) {
                side.remove(l.getString(0));
            } else {
                side.put(l.getString(0), l.getString(1));
            }
        }
    }

    /** A plain WebSocket client collecting text frames. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();

        static Client open(String path) {
            return open(exchange.baseUrl().replace("http://", "ws://"), path);
        }

        static Client open(String base, String path) {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(base + path), c).join();
            return c;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** Sends and waits for the answer; paced to stay under Binance's five incoming messages per second. */
        String send(String text) throws InterruptedException {
            Thread.sleep(210);
            socket.sendText(text, true).join();
            return next();
        }

        String next() throws InterruptedException {
            String f = frames.poll(10, TimeUnit.SECONDS);
            assertThat(f).as("a frame within 10 s").isNotNull();
            return f;
        }
    }

    @Test
    void subscribeListAndUnsubscribeOnAConnectionToAnyWsPath() throws Exception {
        Client c = Client.open("/ws/0");
        assertThat(c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethbtc@trade\",\"ethbtc@bookTicker\"],\"id\":1}"))
                .isEqualTo("{\"result\":null,\"id\":1}");
        assertThat(new JSONArray(new JSONObject(c.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"two\"}"))
                .getJSONArray("result").toList())).containsExactlyInAnyOrder("ethbtc@trade", "ethbtc@bookTicker");
        assertThat(c.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethbtc@bookTicker\"],\"id\":3}"))
                .isEqualTo("{\"result\":null,\"id\":3}");

        // ETHBTC: no other test trades there, so this is the only trade on the stream
        exchange.submit(PlaceOrder.limit(ETHBTC, 1, Side.SELL, units("0.05"), units("0.01"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(ETHBTC, 2, Side.BUY, units("0.05"), units("0.01"), TimeInForce.IOC));
        JSONObject trade = new JSONObject(c.next());
        assertThat(trade.getString("e")).isEqualTo("trade");
        assertThat(trade.getString("s")).isEqualTo("ETHBTC");
        assertThat(trade.getString("p")).isEqualTo("0.05000000");
        assertThat(trade.getString("q")).isEqualTo("0.01000000");
        assertThat(trade.getBoolean("m")).isFalse();

        assertThat(c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethbtc@nothing\"],\"id\":4}"))
                .startsWith("{\"error\":{\"code\":2,").endsWith(",\"id\":4}");
        assertThat(c.send("not json")).startsWith("{\"error\":{\"code\":3,");
        assertThat(c.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":5}"))
                .isEqualTo("{\"result\":false,\"id\":5}");
        c.socket.abort();
    }

    @Test
    void aBurstOfTradesReachesEveryClientWhole(@TempDir Path own) throws Exception {
        try (LiveExchange burst = new LiveExchange(own)) {
            burst.fund(1, LiveExchange.ETH, "100");
            burst.fund(2, LiveExchange.BTC, "100");
            String base = burst.baseUrl().replace("http://", "ws://");
            List<Client> raw = new ArrayList<>();
            List<Client> combined = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                raw.add(Client.open(base, "/ws/ethbtc@trade"));
                combined.add(Client.open(base, "/stream?streams=ethbtc@aggTrade/ethbtc@trade"));
            }
            int trades = 300;
            List<java.util.concurrent.CompletableFuture<CommandResult>> sent = new ArrayList<>();
            for (int i = 0; i < trades; i++) {
                sent.add(burst.core.submit(PlaceOrder.limit(ETHBTC, 1, Side.SELL, units("0.05"), units("0.01"),
                        TimeInForce.GTC)));
                sent.add(burst.core.submit(PlaceOrder.limit(ETHBTC, 2, Side.BUY, units("0.05"), units("0.01"),
                        TimeInForce.IOC)));
            }
            sent.forEach(java.util.concurrent.CompletableFuture::join);
            // frames pile up faster than they are written: each client must still get all of them, in order
            for (Client c : raw) {
                long previous = -1;
                for (int i = 0; i < trades; i++) {
                    JSONObject t = new JSONObject(c.next());
                    assertThat(t.getString("e")).isEqualTo("trade");
                    if (previous >= 0) {
                        assertThat(t.getLong("t")).isEqualTo(previous + 1);
                    }
                    previous = t.getLong("t");
                }
                assertThat(c.frames.poll(200, TimeUnit.MILLISECONDS)).as("nothing it did not subscribe to").isNull();
            }
            for (Client c : combined) {
                Map<String, Integer> perStream = new HashMap<>();
                for (int i = 0; i < 2 * trades; i++) {
                    JSONObject f = new JSONObject(c.next());
                    perStream.merge(f.getString("stream"), 1, Integer::sum);
                    assertThat(f.getJSONObject("data").getString("s")).isEqualTo("ETHBTC");
                }
                assertThat(perStream).containsOnly(Map.entry("ethbtc@trade", trades),
                        Map.entry("ethbtc@aggTrade", trades));
            }
        }
    }

    @Test
    void klineAndTickerStreamsTickEverySecondOrTwo() throws Exception {
        exchange.submit(PlaceOrder.limit(ETHBTC, 1, Side.SELL, units("0.07"), units("0.01"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(ETHBTC, 2, Side.BUY, units("0.07"), units("0.01"), TimeInForce.IOC));
        Client c = Client.open("/stream?streams=ethbtc@kline_1m/ethbtc@ticker/ethbtc@miniTicker/!miniTicker@arr"
                + "/ethbtc@avgPrice/ethbtc@ticker_1h/ethbtc@kline_1d@+08:00");
        Map<String, JSONObject> seen = new HashMap<>();
        Map<String, String> arrays = new HashMap<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while ((seen.size() < 6 || arrays.isEmpty()) && System.currentTimeMillis() < deadline) {
            JSONObject frame = new JSONObject(c.next());
            if (frame.get("data") instanceof JSONArray all) {
                arrays.put(frame.getString("stream"), all.toString());
            } else {
                seen.put(frame.getString("stream"), frame.getJSONObject("data"));
            }
        }
        assertThat(seen.get("ethbtc@kline_1m").getJSONObject("k").getString("i")).isEqualTo("1m");
        assertThat(seen.get("ethbtc@kline_1m").getJSONObject("k").getString("c")).isEqualTo("0.07000000");
        // the day in UTC+8: it opens at 16:00 UTC
        JSONObject eastern = seen.get("ethbtc@kline_1d@+08:00").getJSONObject("k");
        long day = 86_400_000L;
        long eight = 8 * 3_600_000L;
        assertThat(eastern.getString("i")).isEqualTo("1d");
        assertThat(eastern.getLong("t")).isEqualTo((System.currentTimeMillis() + eight) / day * day - eight);
        assertThat(eastern.getLong("T")).isEqualTo(eastern.getLong("t") + day - 1);
        assertThat(eastern.getString("c")).isEqualTo("0.07000000");
        assertThat(seen.get("ethbtc@ticker").getString("e")).isEqualTo("24hrTicker");
        assertThat(seen.get("ethbtc@ticker").getString("c")).isEqualTo("0.07000000");
        assertThat(seen.get("ethbtc@miniTicker").getString("e")).isEqualTo("24hrMiniTicker");
        assertThat(seen.get("ethbtc@avgPrice").getString("e")).isEqualTo("avgPrice");
        assertThat(seen.get("ethbtc@ticker_1h").getString("e")).isEqualTo("1hTicker");
        assertThat(new JSONArray(arrays.get("!miniTicker@arr")).length()).isEqualTo(2);
        c.socket.abort();
    }

    @Test
    void combinedStreamsWrapTheirPayloads() throws Exception {
        Client c = Client.open("/stream?streams=ethbtc@aggTrade/ethbtc@depth5@100ms");
        JSONObject frame = new JSONObject(c.next());
        assertThat(frame.getString("stream")).isEqualTo("ethbtc@depth5@100ms");
        assertThat(frame.getJSONObject("data").has("lastUpdateId")).isTrue();
        exchange.submit(PlaceOrder.limit(ETHBTC, 1, Side.SELL, units("0.06"), units("0.01"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(ETHBTC, 1, Side.SELL, units("0.06"), units("0.01"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(ETHBTC, 2, Side.BUY, units("0.06"), units("0.02"), TimeInForce.IOC));
        JSONObject agg = null;
        while (agg == null) {
            JSONObject f = new JSONObject(c.next());
            if (f.getString("stream").equals("ethbtc@aggTrade")) {
                agg = f.getJSONObject("data");
            }
        }
        assertThat(agg.getString("e")).isEqualTo("aggTrade");
        assertThat(agg.getString("q")).isEqualTo("0.02000000");
        assertThat(agg.getLong("l")).isEqualTo(agg.getLong("f") + 1);
        c.socket.abort();
    }

    @Test
    void connectionsAreLimitedAsOnBinance(@org.junit.jupiter.api.io.TempDir Path own) throws Exception {
        try (LiveExchange small = new LiveExchange(own, ApiConfig.defaults(0)
                .withStreamLimits(new io.bourse.api.stream.StreamLimits(5, 3, 2_500, 4)))) {
            String base = small.baseUrl().replace("http://", "ws://");
            Client streams = Client.open(base, "/ws/0");
            assertThat(streams.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"btcusdt@aggTrade\","
                    + "\"btcusdt@bookTicker\",\"btcusdt@depth\"],\"id\":1}"))
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: too many streams; a connection may "
                            + "hold at most 3\"},\"id\":1}");
            assertThat(streams.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"btcusdt@aggTrade\","
                    + "\"btcusdt@bookTicker\"],\"id\":2}")).isEqualTo("{\"result\":null,\"id\":2}");
            assertThat(streams.closed.get(5, TimeUnit.SECONDS)).as("closed at the end of its lifetime").isEqualTo(1000);

            Client chatty = Client.open(base, "/ws/0");
            for (int i = 0; i < 8; i++) {
                try {
                    chatty.socket.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}", true).join();
                } catch (java.util.concurrent.CompletionException closedAlready) {
                    break;
                }
            }
            assertThat(chatty.closed.get(5, TimeUnit.SECONDS)).as("closed for too many messages").isEqualTo(1008);

            Client third = Client.open(base, "/ws/0");
            Client fourth = Client.open(base, "/ws/0");
            Client fifth = Client.open(base, "/ws/0");
            assertThat(fifth.closed.get(5, TimeUnit.SECONDS)).as("a fifth connection in five minutes").isEqualTo(1008);
            assertThat(third.closed.isDone() && third.closed.get() == 1008).isFalse();
            assertThat(fourth.closed.isDone() && fourth.closed.get() == 1008).isFalse();
        }
    }
}
