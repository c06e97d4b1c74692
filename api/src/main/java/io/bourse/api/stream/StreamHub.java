package io.bourse.api.stream;

import io.bourse.api.http.JsonOut;
import io.bourse.api.http.WireFormat;
import io.bourse.api.userstream.ListenKeys;
import io.bourse.api.userstream.UserStreams;
import io.bourse.marketdata.AggTrade;
import io.bourse.marketdata.BookTicker;
import io.bourse.marketdata.DepthDiff;
import io.bourse.marketdata.DepthSnapshot;
import io.bourse.marketdata.DepthSpeed;
import io.bourse.marketdata.Kline;
import io.bourse.marketdata.KlineInterval;
import io.bourse.marketdata.MarketData;
import io.bourse.marketdata.MarketDataListener;
import io.bourse.marketdata.SymbolMarket;
import io.bourse.marketdata.Trade;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binance's market streams over WebSocket: raw at {@code /ws/<stream>} (a segment that names no stream is
 * accepted and ignored, as CCXT connects to {@code /ws/0}), wrapped at {@code /stream?streams=a/b}, with
 * SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS and the {@code combined} property. Trades and book tickers go out
 * as the market-data consumer hears them; diff depth every 100 ms / 1000 ms from each speed's gap-free chain
 * (drained for every symbol at every tick, subscribers or not); partial books at the same ticks.
 */
public final class StreamHub implements MarketDataListener {
    private static final long TICK_MS = 100;
    /**
     * Each connection is pinged every 20 s, in its own 100 ms slot of those 20 s: pinging every connection at once
     * stalled the event loop for tens of milliseconds (a write and a pong per connection) every 20 s.
     */
    private static final int PING_SLOTS = (int) (20_000 / TICK_MS);

    private final MarketData md;
    private final ConcurrentHashMap<String, Set<StreamConnection>> subscribers = new ConcurrentHashMap<>();
    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Executor, FanOut> fanOuts = new ConcurrentHashMap<>();
    /** Open time of the last kline sent per kline stream, to send a bucket's closing update once. */
    private final ConcurrentHashMap<String, Long> klineOpenSent = new ConcurrentHashMap<>();
    private final long[] timers;
    private final Vertx vertx;
    private long ticks;
    private final AtomicInteger accepted = new AtomicInteger();

    private final ListenKeys listenKeys;
    private final UserStreams userStreams;
    private final StreamLimits limits;
    private final ConnectionAttempts attempts;

    public StreamHub(Vertx vertx, MarketData md, ListenKeys listenKeys, UserStreams userStreams,
                     StreamLimits limits) {
        this.limits = limits;
        this.attempts = new ConnectionAttempts(limits.connectionsPer5Min());
        this.vertx = vertx;
        this.md = md;
        this.listenKeys = listenKeys;
        this.userStreams = userStreams;
        md.addListener(this);
        this.timers = new long[]{vertx.setPeriodic(TICK_MS, id -> tick())};
    }

    /** Stops the timers and tells every client the server is going away ({@code serverShutdown}), as Binance does. */
    public void stop() {
        for (long t : timers) {
            vertx.cancelTimer(t);
        }
        String event = "{\"e\":\"serverShutdown\",\"E\":" + System.currentTimeMillis() + "}";
        for (StreamConnection c : connections) {
            c.eventLoop.execute(() -> {
                c.send("!serverShutdown", event);
                c.socket.close();
            });
        }
    }

    /** Takes a new WebSocket: {@code /ws…} raw or {@code /stream…} combined; anything else is closed. */
    public void accept(ServerWebSocket ws) {
        String path = ws.path();
        boolean raw = path.equals("/ws") || path.startsWith("/ws/");
        if (!raw && !path.equals("/stream")) {
            ws.close((short) 1008, "unknown path");
            return;
        }
        if (!attempts.admit(ws.remoteAddress() == null ? "?" : ws.remoteAddress().host(), System.currentTimeMillis())) {
            ws.close((short) 1008, "Too many connection attempts");
            return;
        }
        Executor loop = ((io.vertx.core.internal.ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        StreamConnection c = new StreamConnection(ws, loop, !raw, limits.messagesPerSecond(),
                accepted.getAndIncrement() % PING_SLOTS);
        FanOut fanOut = fanOuts.computeIfAbsent(loop, FanOut::new);
        List<String> initial = new ArrayList<>();
        if (raw && path.length() > 4) {
            initial.addAll(List.of(path.substring(4).split("/")));
        } else if (!raw && ws.query() != null) {
            for (String param : ws.query().split("&")) {
                if (param.startsWith("streams=")) {
                    initial.addAll(List.of(param.substring(8).split("/")));
                }
            }
        }
        if (initial.size() > limits.streamsPerConnection()) {
            ws.close((short) 1008, "Too many streams");
            return;
        }
        for (String name : initial) {
            if (StreamName.parse(name).isPresent()) {
                subscribe(c, name);
            } else {
                listenKeys.user(name, System.currentTimeMillis()).ifPresent(user -> c.listenTo(name, user,
                        userStreams));
            }
        }
        ws.textMessageHandler(text -> {
            if (c.countIncoming(System.currentTimeMillis())) {
                control(c, text);
            }
        });
        ws.pongHandler(pong -> c.countIncoming(System.currentTimeMillis()));
        long lifetime = vertx.setTimer(limits.lifetimeMs(), id -> ws.close((short) 1000, "Connection lifetime ended"));
        connections.add(c);
        fanOut.add(c);
        ws.closeHandler(v -> {
            vertx.cancelTimer(lifetime);
            connections.remove(c);
            fanOut.remove(c);
            c.subscriptions.forEach(name -> unsubscribe(c, name));
            c.stopListening(userStreams);
        });
    }

    private void subscribe(StreamConnection c, String name) {
        c.subscriptions.add(name);
        subscribers.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(c);
    }

    private void unsubscribe(StreamConnection c, String name) {
        c.subscriptions.remove(name);
        Set<StreamConnection> set = subscribers.get(name);
        if (set != null) {
            set.remove(c);
        }
    }

    // ------------------------------------------------------------------ control messages

    private void control(StreamConnection c, String text) {
        JsonObject request;
        try {
            request = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            c.write(error(null, 3, "Invalid JSON: " + e.getMessage()));
            return;
        }
        Object id = request.getValue("id");
        if (id != null && !(id instanceof Number) && !(id instanceof String s && s.length() <= 36)) {
            c.write(error(null, 2, "Invalid request: request ID must be an unsigned integer"));
            return;
        }
        Object params = request.getValue("params");
        String method = request.getValue("method") instanceof String m ? m : "";
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                if (!(params instanceof JsonArray names) || names.isEmpty()) {
                    c.write(error(id, 2, "Invalid request: missing field `params`"));
                    return;
                }
                for (Object n : names) {
                    if (!(n instanceof String name) || StreamName.parse(name).isEmpty()) {
                        c.write(error(id, 2, "Invalid request: invalid stream name " + n));
                        return;
                    }
                }
                if (method.equals("SUBSCRIBE") && names.stream().filter(n -> !c.subscriptions.contains(n)).distinct()
                        .count() + c.subscriptions.size() > limits.streamsPerConnection()) {
                    c.write(error(id, 2, "Invalid request: too many streams; a connection may hold at most "
                            + limits.streamsPerConnection()));
                    return;
                }
                for (Object n : names) {
                    if (method.equals("SUBSCRIBE")) {
                        subscribe(c, (String) n);
                    } else {
                        unsubscribe(c, (String) n);
                    }
                }
                c.write(result(id, "null"));
            }
            case "LIST_SUBSCRIPTIONS" -> c.write(result(id, new JsonArray(List.copyOf(c.subscriptions)).encode()));
            case "SET_PROPERTY" -> {
                if (params instanceof JsonArray p && p.size() == 2 && "combined".equals(p.getValue(0))) {
                    if (!(p.getValue(1) instanceof Boolean b)) {
                        c.write(error(id, 1, "Invalid value type: expected Boolean"));
                        return;
                    }
                    c.combined = b;
                    c.write(result(id, "null"));
                } else {
                    c.write(error(id, 0, "Unknown property"));
                }
            }
            case "GET_PROPERTY" -> {
                if (params instanceof JsonArray p && p.size() == 1 && "combined".equals(p.getValue(0))) {
                    c.write(result(id, Boolean.toString(c.combined)));
                } else {
                    c.write(error(id, 0, "Unknown property"));
                }
            }
            default -> c.write(error(id, 2, "Invalid request: unknown method " + method));
        }
    }

    private static String result(Object id, String result) {
        return "{\"result\":" + result + ",\"id\":" + JsonOut.id(id) + "}";
    }

    private static String error(Object id, int code, String message) {
        return "{\"error\":" + new JsonObject().put("code", code).put("msg", message).encode() + ",\"id\":"
                + JsonOut.id(id) + "}";
    }

    // ------------------------------------------------------------------ publishing

    /** Sends a payload to every subscriber of the stream (see {@link FanOut}). */
    private void publish(String stream, String payload) {
        Set<StreamConnection> set = subscribers.get(stream);
        if (set == null || set.isEmpty()) {
            return;
        }
        List<FanOut> loops = List.copyOf(fanOuts.values());
        FanOut.Frame frame = FanOut.Frame.of(stream, payload, loops.size());
        for (FanOut f : loops) {
            f.offer(frame);
        }
    }

    private boolean wanted(String stream) {
        Set<StreamConnection> set = subscribers.get(stream);
        return set != null && !set.isEmpty();
    }

    private static String lower(SymbolMarket m) {
        return m.spec().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void onTrades(SymbolMarket m, long eventTimeMs, List<Trade> trades, List<AggTrade> aggTrades) {
        String symbol = lower(m);
        WireFormat w = WireFormat.of(md.listing(), m.spec());
        if (wanted(symbol + "@trade")) {
            for (Trade t : trades) {
                publish(symbol + "@trade", JsonOut.string(g -> {
                    g.writeStartObject();
                    g.writeStringField("e", "trade");
                    g.writeNumberField("E", eventTimeMs);
                    g.writeStringField("s", m.spec().name());
                    g.writeNumberField("t", t.id());
                    g.writeStringField("p", w.price(t.price()));
                    g.writeStringField("q", w.qty(t.qty()));
                    g.writeNumberField("T", t.timeMs());
                    g.writeBooleanField("m", t.buyerIsMaker());
                    g.writeBooleanField("M", true);
                    g.writeEndObject();
                }));
            }
        }
        if (wanted(symbol + "@aggTrade")) {
            for (AggTrade a : aggTrades) {
                publish(symbol + "@aggTrade", JsonOut.string(g -> {
                    g.writeStartObject();
                    g.writeStringField("e", "aggTrade");
                    g.writeNumberField("E", eventTimeMs);
                    g.writeStringField("s", m.spec().name());
                    w.aggTradeFields(g, a);
                    g.writeEndObject();
                }));
            }
        }
    }

    @Override
    public void onBookTicker(SymbolMarket m, BookTicker t) {
        String stream = lower(m) + "@bookTicker";
        if (!wanted(stream)) {
            return;
        }
        WireFormat w = WireFormat.of(md.listing(), m.spec());
        publish(stream, JsonOut.string(g -> {
            g.writeStartObject();
            g.writeNumberField("u", t.updateId());
            g.writeStringField("s", m.spec().name());
            g.writeStringField("b", w.price(t.bidPrice()));
            g.writeStringField("B", w.qty(t.bidQty()));
            g.writeStringField("a", w.price(t.askPrice()));
            g.writeStringField("A", w.qty(t.askQty()));
            g.writeEndObject();
        }));
    }

    /** Every 100 ms: the 100 ms diffs and partial books; every tenth tick the 1000 ms ones too. */
    private void tick() {
        ticks++;
        long now = System.currentTimeMillis();
        ping((int) (ticks % PING_SLOTS));
        for (SymbolMarket m : md.markets()) {
            depth(m, DepthSpeed.MS_100, now);
            if (ticks % 10 == 0) {
                depth(m, DepthSpeed.MS_1000, now);
            }
        }
        if (ticks % 10 == 0) {
            periodic(now, ticks % 20 == 0);
            expireListenKeys(now);
        }
    }

    /** A connection whose listen key expired hears {@code listenKeyExpired}, then nothing more of that user. */
    private void expireListenKeys(long now) {
        for (StreamConnection c : connections) {
            String key = c.listenKey();
            if (key != null && listenKeys.user(key, now).isEmpty()) {
                c.send(key, "{\"e\":\"listenKeyExpired\",\"E\":" + now + ",\"listenKey\":\"" + key + "\"}");
                c.stopListening(userStreams);
            }
        }
    }

    /** Every second: tickers, average prices, 1s klines; every other second the other klines. */
    private void periodic(long now, boolean everyTwoSeconds) {
        for (String stream : subscribers.keySet()) {
            if (!wanted(stream)) {
                continue;
            }
            StreamName s = StreamName.parse(stream).orElseThrow();
            switch (s.kind()) {
                case KLINE -> {
                    if (s.interval() == KlineInterval.S1 || everyTwoSeconds) {
                        kline(stream, s, now);
                    }
                }
                case MINI_TICKER, TICKER, ROLLING_TICKER, AVG_PRICE -> withMarket(s, m -> publish(stream,
                        symbolTicker(s, m, now)));
                case ALL_MINI_TICKERS, ALL_TICKERS, ALL_ROLLING_TICKERS -> publish(stream, allTickers(s, now));
                default -> {
                }
            }
        }
    }

    private void withMarket(StreamName s, java.util.function.Consumer<SymbolMarket> action) {
        md.listing().symbol(s.symbol()).ifPresent(spec -> action.accept(md.market(spec.id())));
    }

    private String symbolTicker(StreamName s, SymbolMarket m, long now) {
        WireFormat w = WireFormat.of(md.listing(), m.spec());
        return switch (s.kind()) {
            case MINI_TICKER -> PeriodicPayloads.ticker(m, w, "24hrMiniTicker", now, PeriodicPayloads.DAY);
            case TICKER -> PeriodicPayloads.ticker(m, w, "24hrTicker", now, PeriodicPayloads.DAY);
            case ROLLING_TICKER -> PeriodicPayloads.ticker(m, w, PeriodicPayloads.rollingEvent(s.window()), now,
                    s.windowMs());
            default -> PeriodicPayloads.avgPrice(m, w, now);
        };
    }

    private String allTickers(StreamName s, long now) {
        String event = switch (s.kind()) {
            case ALL_MINI_TICKERS -> "24hrMiniTicker";
            case ALL_TICKERS -> "24hrTicker";
            default -> PeriodicPayloads.rollingEvent(s.window());
        };
        long window = s.kind() == StreamName.Kind.ALL_ROLLING_TICKERS ? s.windowMs() : PeriodicPayloads.DAY;
        return JsonOut.string(g -> {
            g.writeStartArray();
            for (SymbolMarket m : md.markets()) {
                PeriodicPayloads.ticker(g, m, WireFormat.of(md.listing(), m.spec()), event, now, window);
            }
            g.writeEndArray();
        });
    }

    /**
     * The open bucket's kline (in the stream's time zone); first, once, the final update of the bucket that just
     * closed ({@code x: true}).
     */
    private void kline(String stream, StreamName s, long now) {
        withMarket(s, m -> {
            WireFormat w = WireFormat.of(md.listing(), m.spec());
            Kline current = s.offsetMs() == 0 ? m.currentKline(s.interval(), now)
                    : m.klines(s.interval(), -1, now, 1, now, s.offsetMs()).stream().findFirst().orElse(null);
            if (current == null) {
                return;
            }
            Long sent = klineOpenSent.put(stream, current.openTime());
            if (sent != null && sent != current.openTime()) {
                m.klines(s.interval(), sent, sent, 1, now, s.offsetMs()).forEach(closed ->
                        publish(stream, PeriodicPayloads.kline(m, w, s.interval(), closed, true, now)));
            }
            publish(stream, PeriodicPayloads.kline(m, w, s.interval(), current, false, now));
        });
    }

    private void depth(SymbolMarket m, DepthSpeed speed, long now) {
        String symbol = lower(m);
        String suffix = speed == DepthSpeed.MS_100 ? "@100ms" : "";
        DepthDiff diff = m.drainDepth(speed);
        WireFormat w = WireFormat.of(md.listing(), m.spec());
        if (diff != null) {
            String payload = JsonOut.string(g -> {
                g.writeStartObject();
                g.writeStringField("e", "depthUpdate");
                g.writeNumberField("E", now);
                g.writeStringField("s", m.spec().name());
                g.writeNumberField("U", diff.firstUpdateId());
                g.writeNumberField("u", diff.lastUpdateId());
                w.levels(g, "b", diff.bids());
                w.levels(g, "a", diff.asks());
                g.writeEndObject();
            });
            publish(symbol + "@depth" + suffix, payload);
            if (speed == DepthSpeed.MS_1000) {
                publish(symbol + "@depth@1000ms", payload);
            }
        }
        for (int levels : new int[]{5, 10, 20}) {
            List<String> names = speed == DepthSpeed.MS_100 ? List.of(symbol + "@depth" + levels + "@100ms")
                    : List.of(symbol + "@depth" + levels, symbol + "@depth" + levels + "@1000ms");
            if (names.stream().noneMatch(this::wanted)) {
                continue;
            }
            DepthSnapshot d = m.depth(levels);
            String payload = JsonOut.string(g -> {
                g.writeStartObject();
                g.writeNumberField("lastUpdateId", d.lastUpdateId());
                w.levels(g, "bids", d.bids());
                w.levels(g, "asks", d.asks());
                g.writeEndObject();
            });
            names.forEach(n -> publish(n, payload));
        }
    }

    private void ping(int slot) {
        for (StreamConnection c : connections) {
            if (c.pingSlot == slot) {
                c.socket.writePing(Buffer.buffer("ping"));
            }
        }
    }
}
